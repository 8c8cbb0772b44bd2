#include "kaiyuan/server/web_ui.hpp"

#include "kaiyuan/server/web_assets.hpp"

namespace kaiyuan::server {

namespace {

const WebAsset* find_asset(std::string_view path) {
    for (const auto& a : web_assets())
        if (a.path == path) return &a;
    return nullptr;
}

bool accepts_gzip(const Request& r) {
    return r.header("Accept-Encoding").find("gzip") != std::string::npos;
}

Response serve_asset(const Request& r, const WebAsset& a, bool immutable) {
    Response out;
    out.content_type = std::string(a.content_type);
    // cpp-httplib compresses text/* itself when the client accepts it; scripts and the rest go
    // out as gzipped at build time.
    if (!a.gzip.empty() && accepts_gzip(r) && !a.content_type.starts_with("text/")) {
        out.body = std::string(a.gzip);
        out.headers.emplace_back("Content-Encoding", "gzip");
    } else {
        out.body = std::string(a.body);
    }
    out.headers.emplace_back("Vary", "Accept-Encoding");
    // Vite names built files by their content's hash: they never change under one name.
    out.headers.emplace_back("Cache-Control",
                             immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return out;
}

constexpr const char* k_no_ui_page =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kaiyuan</title></head>"
    "<body><h1>kaiyuan</h1><p>This kaiyuan was built without its web UI "
    "(<code>-DKAIYUAN_WEB_UI=OFF</code>). The API is at <code>/api/v2</code>, described by "
    "<a href=\"/api/openapi.json\">/api/openapi.json</a>.</p></body></html>";

} // namespace

std::optional<Response> web_ui(const Request& r) {
    if (r.method != "GET" && r.method != "HEAD") return std::nullopt;
    if (r.path.starts_with("/api/") || r.path == "/api") return std::nullopt;
    if (web_assets().empty()) {
        if (r.path != "/") return std::nullopt;
        Response out;
        out.content_type = "text/html; charset=utf-8";
        out.body = k_no_ui_page;
        return out;
    }
    if (r.path != "/" && r.path != "/index.html")
        if (const WebAsset* a = find_asset(r.path)) return serve_asset(r, *a, true);
    // Any other path is a view of the single-page app, unless it names a file (a missing asset
    // should be a 404, not the app's page).
    auto last = r.path.substr(r.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos && r.path != "/index.html") return std::nullopt;
    if (const WebAsset* index = find_asset("/index.html")) return serve_asset(r, *index, false);
    return std::nullopt;
}

void add_security_headers(Response& r) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                           "manifest-src 'self'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Frame-Options", "DENY");
}

} // namespace kaiyuan::server
