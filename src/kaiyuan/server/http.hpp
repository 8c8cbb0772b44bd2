#pragma once
/// Requests and responses as the handlers see them, independent of the HTTP library
/// (http_server.cpp adapts cpp-httplib to these), so that handlers and body readers are tested and
/// fuzzed alone.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::server {

/// Header names compare case-insensitively (RFC 9110 5.1).
struct CaseInsensitiveLess {
    bool operator()(std::string_view a, std::string_view b) const;
};

struct Request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> path_params; ///< {uuid} and the like, from the route
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string, CaseInsensitiveLess> headers;
    std::string body;
    /// multipart/form-data fields by name (file fields hold the file's bytes).
    std::map<std::string, std::string> form;
    std::string remote;

    const std::string& header(const std::string& name) const;
    /// The first value of query parameter `name`, or `fallback`.
    std::string param(const std::string& name, const std::string& fallback = "") const;
    bool has_param(const std::string& name) const { return query.count(name) > 0; }
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// An RFC 9457 problem document: `type` is "about:blank" unless given, `title` the status's
/// reason phrase, `detail` what went wrong and what to do, for a person.
Response problem(int status, const std::string& detail);
const char* reason_phrase(int status);
/// 204 with no body (deletes, revocations, grants).
Response no_content();

} // namespace kaiyuan::server
