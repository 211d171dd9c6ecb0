# parse (json by default) on stdin: a <<- heredoc with its body, lines and flags
args: parse -
stdin: $FIX/dockerfiles/parse-heredoc.Dockerfile
exit: 0
--- stdout
{
  "file": "<stdin>",
  "directives": {
    "escape": "\\",
    "syntax": null
  },
  "warnings": [],
  "instructions": [
    {
      "kind": "FROM",
      "keyword": "FROM",
      "start_line": 1,
      "end_line": 1,
      "column": 1,
      "flags": [],
      "args": [
        "alpine:3.20"
      ],
      "json_form": false,
      "heredocs": [],
      "onbuild": null,
      "comments": []
    },
    {
      "kind": "RUN",
      "keyword": "RUN",
      "start_line": 2,
      "end_line": 4,
      "column": 1,
      "flags": [],
      "args": [
        "<<-EOF"
      ],
      "json_form": false,
      "heredocs": [
        {
          "name": "EOF",
          "content": "\techo hi\n",
          "expand": true,
          "chomp": true,
          "fd": 0,
          "start_line": 3,
          "end_line": 4
        }
      ],
      "onbuild": null,
      "comments": []
    }
  ],
  "stages": [
    {
      "index": 0,
      "name": null,
      "image_raw": "alpine:3.20",
      "image": "alpine:3.20",
      "platform": null,
      "base_stage": null,
      "from_line": 1,
      "first_instr": 1,
      "ninstrs": 1,
      "uses": [],
      "vars": []
    }
  ],
  "target": 0,
  "global_args": [],
  "issues": []
}

