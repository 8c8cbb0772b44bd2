# A static HTTP server for the end-to-end tests: files under ROOT, each with an ETag and a
# Last-Modified; If-None-Match answered with 304; every request logged as "PATH STATUS".
# Usage: python3 etag_server.py ROOT LOG PORT_FILE  (the port chosen is written to PORT_FILE)
import email.utils, hashlib, http.server, os, sys, urllib.parse
root, log = sys.argv[1], open(sys.argv[2], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, urllib.parse.unquote(self.path.lstrip("/")))
        if not os.path.isfile(path):
            self.send_response(404); self.end_headers(); log.write(f"{self.path} 404\n"); return
        data = open(path, "rb").read()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304); self.end_headers(); log.write(f"{self.path} 304\n"); return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        log.write(f"{self.path} 200\n")
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(sys.argv[3], "w").write(str(s.server_address[1]))
s.serve_forever()
