"""Serves a GGUF model over llama.cpp's OpenAI-compatible HTTP API (xllamacpp), for tests.

usage: serve.py MODEL.gguf PORT
env:   THREADS (default 1: on 2 cores more threads collapse under load), N_CTX (default 4096)

Deterministic set-up: one slot, prompt cache off (a cached prefix changes batch splits and thus
float rounding); the client sends temperature 0 and a seed.
"""
import os
import signal
import sys
import time

import xllamacpp as xlc


def main() -> None:
    model, port = sys.argv[1], int(sys.argv[2])
    p = xlc.CommonParams()
    p.model.path = model
    p.hostnames = ["127.0.0.1"]
    p.port = port
    p.n_ctx = int(os.environ.get("N_CTX", "4096"))
    p.n_parallel = 1
    p.cache_prompt = False
    p.ui = False
    threads = int(os.environ.get("THREADS", "1"))
    p.cpuparams.n_threads = threads
    p.cpuparams_batch.n_threads = threads
    srv = xlc.Server(p)  # starts the HTTP server in a background thread
    print("READY", srv.listening_address, flush=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
