ARG BASE
FROM ${BASE} AS runtime
FROM golang:1.22-bookworm AS build
FROM alpine:3.20
