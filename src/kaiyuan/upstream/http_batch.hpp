#pragma once
/// Many HTTP GETs in flight at once (libcurl's multi interface on one thread), for reading
/// registries' release lists (docs/cli.md, "upstream check").
///
/// Each request is bounded: a body larger than `max_body` is cut off and reported, a transfer
/// longer than `timeout_seconds` is stopped, redirects are followed at most `max_redirects`
/// times (a redirect loop is an error, not a hang). Responses are kept in `cache_dir` with
/// their ETag and Last-Modified, and asked again conditionally (RFC 9110, 13.1): a 304 reads
/// the kept copy. A 429, or a 403 with `X-RateLimit-Remaining: 0` (GitHub's form), is retried
/// once after `Retry-After` (or `X-RateLimit-Reset`) when that is no longer than
/// `max_rate_limit_wait` seconds, else reported with the time to wait. `bearer_token` is sent
/// only over https and only to the hosts in `token_hosts`.
#include "kaiyuan/util/progress.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kaiyuan::upstream {

struct HttpResponse {
    long status = 0;   ///< the final HTTP status; 0 when none arrived
    std::string body;  ///< the body of a 2xx (or of the kept copy for a 304)
    std::string error; ///< "" when a 2xx (or 304) arrived; else what went wrong
    bool from_cache = false;
    std::string final_url; ///< after redirects
};

struct HttpBatchOptions {
    unsigned in_flight = 32;
    std::uint64_t max_body = 32ull << 20;
    long timeout_seconds = 60;
    long connect_timeout_seconds = 20;
    long max_redirects = 5;
    std::string cache_dir; ///< "" keeps nothing
    long max_rate_limit_wait = 30;
    std::string bearer_token;
    std::vector<std::string> token_hosts{"api.github.com"};
    std::string user_agent = "kaiyuan (upstream check)";
    util::Progress* progress = nullptr; ///< advanced once per finished request
};

/// Every URL fetched; the answers in the order of `urls`. Never throws for a failed request:
/// each failure is that response's `error`.
std::vector<HttpResponse> fetch_all(const std::vector<std::string>& urls,
                                    const HttpBatchOptions& options);

/// The same, each answer handed to `on_answer` (with its index in `urls`) as soon as it is
/// complete, on the calling thread, and not kept: memory is bounded by the requests in flight,
/// not by the answers' total.
void fetch_each(const std::vector<std::string>& urls, const HttpBatchOptions& options,
                const std::function<void(std::size_t, HttpResponse&&)>& on_answer);

} // namespace kaiyuan::upstream
