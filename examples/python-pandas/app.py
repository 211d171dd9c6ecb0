import pandas as pd
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return pd.DataFrame({"a": [1, 2]}).to_json()


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
