#pragma once
/// The web UI at "/": its embedded files, and index.html for every other path outside /api, so
/// that a deep link (/projects/UUID?tab=findings) opens the view it names. The UI is a client of
/// the API like any script: it adds no route and no data of its own.
#include "kaiyuan/server/http.hpp"

#include <optional>

namespace kaiyuan::server {

/// The UI's answer to a GET or HEAD no API route took; nothing for paths under /api/.
std::optional<Response> web_ui(const Request& r);

/// Headers every response carries: a Content-Security-Policy that allows scripts and styles from
/// this server only (no inline script, no eval), no framing, no sniffing, no referrer.
void add_security_headers(Response& r);

} // namespace kaiyuan::server
