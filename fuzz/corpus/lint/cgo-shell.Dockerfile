FROM golang:1.22 AS b
RUN sh -c "CGO_ENABLED=0 go build" && bash -o
FROM scratch
COPY --from=b /a /a
CMD x
