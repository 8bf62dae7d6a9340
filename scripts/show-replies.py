#!/usr/bin/env python3
"""Prints every reply the API simulator receives, as it arrives (used by `make run`).

    scripts/show-replies.py http://127.0.0.1:8090
"""
import json
import sys
import time
import urllib.request

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8090"
since = 0
while True:
    try:
        with urllib.request.urlopen(f"{base}/_sim/sent?since={since}", timeout=5) as answer:
            sent = json.load(answer).get("sent", [])
    except Exception:
        sent = []
    for message in sent:
        print(f"reply to conversation {message['conversation_id']} (merchant {message['merchant_id']}):")
        for line in message["message"].splitlines():
            print(f"  {line}")
        since = max(since, message["sequence"])
    sys.stdout.flush()
    time.sleep(1)
