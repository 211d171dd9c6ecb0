const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("hello from node-web"));
app.listen(3000);
