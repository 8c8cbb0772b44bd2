#pragma once
/// Issues and change requests (pull requests), their comments and reviews, read from the JSON a
/// forge's REST API returns, as a user downloads it (docs/cli.md, "community --events"):
///
/// - GitHub: `/repos/O/R/pulls?state=all`, `/repos/O/R/issues?state=all` (pull requests there
///   carry `pull_request`), `/repos/O/R/issues/comments`, `/repos/O/R/pulls/comments`,
///   `/repos/O/R/pulls/N/reviews`;
/// - Gitee (API v5): `/repos/O/R/pulls?state=all`, `/repos/O/R/issues?state=all`,
///   `/repos/O/R/issues/comments`, `/repos/O/R/pulls/comments`.
///
/// A file holds one array of such objects, or several arrays one after another (what `gh api
/// --paginate` writes), or one object per line. Each object's kind is told by its fields, not by
/// the file's name, so one file may mix them. An object of no known kind, or missing what its
/// kind needs (a creation time, an author), is a diagnostic naming the file and its index; the
/// rest is read.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::community {

/// An issue or a change request: "owner/repo#12" keys both, as the forge numbers them.
struct Thread {
    std::string key;
    std::string author; ///< login
    bool author_is_bot = false;
    bool change_request = false;
    std::int64_t created = 0, closed = 0, merged = 0; ///< seconds since the epoch; 0: not (yet)
};

/// A comment on an issue or change request, a review, or a comment on a change's code.
struct Response {
    enum class Kind { comment, review, review_comment };
    Kind kind = Kind::comment;
    std::string thread; ///< the key of the thread it answers
    std::string author;
    bool author_is_bot = false;
    std::int64_t time = 0;
};

struct Events {
    std::vector<Thread> threads; ///< one per key (a thread read twice is merged)
    std::vector<Response> responses;
    std::vector<model::Diagnostic> diagnostics;
};

/// "2024-01-31T12:00:00Z" or with an offset ("+08:00", as Gitee writes): seconds since the
/// epoch, or -1 when it is not such a time.
std::int64_t parse_forge_time(std::string_view text);

/// Reads `text` (the contents of `file`) into `into`. Fails only when the text is not JSON.
Result<void> read_events(std::string_view text, const std::string& file, Events& into);

/// read_events on a file (up to 1 GiB); the error names it.
Result<void> read_events_file(const std::string& file, Events& into);

} // namespace kaiyuan::community
