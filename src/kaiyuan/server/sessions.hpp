#pragma once
/// The web UI's session cookie, read where the router authenticates a request.
#include "kaiyuan/server/http.hpp"

#include <string>

namespace kaiyuan::server {

struct ServerOptions;

/// The session token in the request's cookie, or "".
std::string session_token(const Request& r, const ServerOptions& o);
/// Whether the request's X-CSRF-Token header is `expected` (compared in constant time).
bool csrf_matches(const Request& r, const std::string& expected);

} // namespace kaiyuan::server
