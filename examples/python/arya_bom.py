#!/usr/bin/env python3
"""Apply a BOM workbook's own 操作指示表 through the Arya API, using only Python's standard library.

Signs in, uploads the workbook, starts a run, waits for it and saves the result:

    python3 arya_bom.py --url http://127.0.0.1:3000 --account alice --bom 主板BOM.xlsx --out 主板BOM-新BOM.xlsx

The password comes from ARYA_PASSWORD (or is asked for). Every call is plain HTTP as /openapi.json describes it:
queries are GET /trpc/<path>?input=<JSON>, mutations POST /trpc/<path> with a JSON body, the upload is multipart.
"""

import argparse
import getpass
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AryaError(Exception):
    """A refusal from the server: its message is written for the person running the script."""


class Arya:
    def __init__(self, url, timeout=60):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.token = None

    def _send(self, request):
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)["result"]["data"]
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            try:
                message = json.loads(body)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = body or error.reason
            raise AryaError("{} ({})".format(message, error.code)) from None

    def query(self, path, payload=None):
        url = "{}/trpc/{}".format(self.url, path)
        if payload is not None:
            url += "?input=" + urllib.parse.quote(json.dumps(payload))
        return self._send(urllib.request.Request(url))

    def mutate(self, path, payload=None):
        data = json.dumps(payload if payload is not None else {}).encode("utf-8")
        request = urllib.request.Request(
            "{}/trpc/{}".format(self.url, path), data=data, headers={"Content-Type": "application/json"}
        )
        return self._send(request)

    def upload(self, file_path, kind="bom"):
        boundary = uuid.uuid4().hex
        with open(file_path, "rb") as handle:
            content = handle.read()
        name = os.path.basename(file_path).replace('"', "")
        body = b"".join(
            [
                "--{}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{}\r\n".format(boundary, kind).encode(),
                "--{}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n".format(
                    boundary, name
                ).encode("utf-8"),
                "Content-Type: {}\r\n\r\n".format(XLSX).encode(),
                content,
                "\r\n--{}--\r\n".format(boundary).encode(),
            ]
        )
        request = urllib.request.Request(
            "{}/trpc/bom.files.upload".format(self.url),
            data=body,
            headers={"Content-Type": "multipart/form-data; boundary=" + boundary},
        )
        return self._send(request)

    def download(self, link, out_path):
        # Download links carry their own short-lived ticket: no Authorization header needed.
        with urllib.request.urlopen(self.url + link, timeout=self.timeout) as response, open(out_path, "wb") as out:
            out.write(response.read())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("ARYA_URL", "http://127.0.0.1:3000"))
    parser.add_argument("--account", default=os.environ.get("ARYA_ACCOUNT"), required="ARYA_ACCOUNT" not in os.environ)
    parser.add_argument("--bom", required=True, help="the BOM workbook (.xlsx) with its 操作指示表")
    parser.add_argument("--out", help="where to save the result (default: the name the server gives)")
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for the run (default 300)")
    args = parser.parse_args(argv)
    password = os.environ.get("ARYA_PASSWORD") or getpass.getpass("Password for {}: ".format(args.account))

    arya = Arya(args.url)
    try:
        arya.token = arya.mutate("auth.login", {"account": args.account, "password": password})["accessToken"]
        print("signed in as", args.account)
        uploaded = arya.upload(args.bom)
        print("uploaded", uploaded["name"], "as", uploaded["fileId"])
        run_id = arya.mutate("bom.runs.create", {"bomFileId": uploaded["fileId"]})["runId"]
        print("run", run_id, "queued")
        deadline = time.monotonic() + args.wait
        while True:
            run = arya.query("bom.runs.get", {"runId": run_id})
            if run["status"] in ("done", "failed"):
                break
            if time.monotonic() > deadline:
                raise AryaError("the run did not finish within {:g} s (status {})".format(args.wait, run["status"]))
            time.sleep(0.5)
        if run["status"] == "failed":
            raise AryaError("the run failed: " + (run["error"] or {}).get("messageEn", "no reason given"))
        print("done:", json.dumps(run["summary"]["counts"], ensure_ascii=False))
        link = arya.mutate("bom.runs.downloadUrl", {"runId": run_id})
        out_path = args.out or link["fileName"]
        arya.download(link["url"], out_path)
        print("saved", out_path)
    except AryaError as error:
        print("error:", error, file=sys.stderr)
        return 1
    except urllib.error.URLError as error:
        print("error: cannot reach {}: {}".format(args.url, error.reason), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
