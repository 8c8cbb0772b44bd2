#include "kaiyuan/server/http.hpp"

#include <nlohmann/json.hpp>

#include <strings.h>

namespace kaiyuan::server {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
    std::size_t n = std::min(a.size(), b.size());
    int c = ::strncasecmp(a.data(), b.data(), n);
    if (c != 0) return c < 0;
    return a.size() < b.size();
}

const std::string& Request::header(const std::string& name) const {
    static const std::string empty;
    auto it = headers.find(name);
    return it == headers.end() ? empty : it->second;
}

std::string Request::param(const std::string& name, const std::string& fallback) const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
}

const char* reason_phrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response problem(int status, const std::string& detail) {
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    nlohmann::json j{{"type", "about:blank"},
                     {"title", reason_phrase(status)},
                     {"status", status},
                     {"detail", detail}};
    r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

} // namespace kaiyuan::server
