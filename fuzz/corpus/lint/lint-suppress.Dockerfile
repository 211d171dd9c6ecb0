# baseimg ignore=BI104,BI103
FROM node:20-alpine
# baseimg ignore=BI104
FROM node:latest
