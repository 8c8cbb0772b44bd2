#pragma once
/// The client side of SBOM upload (`sbom push`, `scan --upload`): POST /api/v2/sboms with the
/// key from KAIYUAN_API_KEY, then, with --wait, the job's status until it is done.
#include "kaiyuan/util/error.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace kaiyuan::cli {

struct PushOptions {
    std::string server; ///< base URL: http://host:8080
    std::string project;
    std::string project_version;
    std::string source;
    std::string parent_name;
    std::string parent_version;
    bool no_auto_create = false;
    bool wait = false;
    int wait_seconds = 600;
    /// Adds the flags shared by both commands; `server_flag` names the URL's flag.
    void add_to(CLI::App& cmd, const std::string& server_flag, bool server_required);
};

/// Uploads `bytes` (named `name` in messages); returns the job token. A refusal fails with the
/// server's problem detail.
Result<std::string> push_sbom(const PushOptions& o, const std::string& bytes,
                              const std::string& name);
/// Waits until the job `token` is done; fails with the job's error when it failed.
Result<void> wait_for_job(const PushOptions& o, const std::string& token);

/// A reply of the server's API: the HTTP status and body.
struct ApiReply {
    long status = 0;
    std::string body;
};
/// GET `path` (with its query, escaped with url_escape) from `server` with KAIYUAN_API_KEY.
Result<ApiReply> api_get(const std::string& server, const std::string& path);
/// `s` escaped for a URL path segment or query value.
std::string url_escape(const std::string& s);
/// The problem detail of an error reply, else the start of its body.
std::string refusal_of(long status, const std::string& body);

} // namespace kaiyuan::cli
