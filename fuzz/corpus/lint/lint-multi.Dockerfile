# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM python:3.12-alpine3.20 AS tools
RUN pip install --no-cache-dir "numpy==1.26" requests

FROM scratch
COPY --from=build /out/app /app
COPY --from=biuld /out/app /app2
HEALTHCHECK CMD wget -q -O- http://localhost:8080/health
ENTRYPOINT ["/app"]
