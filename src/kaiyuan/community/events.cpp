#include "kaiyuan/community/events.hpp"

#include "kaiyuan/community/contributors.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/json_read.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::community {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::uint64_t max_file = std::uint64_t{1} << 30;

/// Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_bot_user(element user, const std::string& login) {
    std::string_view type;
    if (!user["type"].get(type) && type == "Bot") return true;
    return is_bot({login, ""});
}

std::string login_of(element o, bool& bot) {
    element user;
    bot = false;
    if (o["user"].get(user)) return {};
    std::string login = util::json_string(user, "login");
    bot = is_bot_user(user, login);
    return login;
}

/// "owner/repo#12" from an API or web address of an issue or change request:
/// ".../repos/O/R/issues/12", ".../repos/O/R/pulls/12", "https://host/O/R/pull/12",
/// "https://gitee.com/O/R/pulls/3", "https://gitee.com/O/R/issues/I1ABC".
std::string thread_key(std::string_view url) {
    std::string_view rest;
    if (auto at = url.find("/repos/"); at != std::string_view::npos) {
        rest = url.substr(at + 7);
    } else if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
        rest = url.substr(scheme + 3);
        auto slash = rest.find('/');
        if (slash == std::string_view::npos) return {};
        rest = rest.substr(slash + 1);
    } else {
        return {};
    }
    std::vector<std::string_view> parts;
    while (!rest.empty() && parts.size() < 5) {
        auto slash = rest.find('/');
        parts.push_back(rest.substr(0, slash));
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    if (parts.size() < 4) return {};
    auto kind = parts[2];
    if (kind != "issues" && kind != "pulls" && kind != "pull") return {};
    if (parts[0].empty() || parts[1].empty() || parts[3].empty()) return {};
    return std::string(parts[0]) + "/" + std::string(parts[1]) + "#" + std::string(parts[3]);
}

std::string number_text(element o) {
    std::int64_t n = 0;
    if (!o["number"].get(n)) return std::to_string(n);
    std::string_view s;
    if (!o["number"].get(s)) return std::string(s);
    return {};
}

/// The time in member `key`; 0 when absent or null, -1 when it is not a time.
std::int64_t time_of(element o, const char* key) {
    std::string_view s;
    if (o[key].get(s)) return 0;
    return parse_forge_time(s);
}

struct Reader {
    const std::string& file;
    Events& into;
    std::map<std::string, std::size_t> thread_index;
    std::size_t item = 0;

    void problem(const std::string& what) {
        model::Diagnostic d;
        d.severity = model::Severity::warning;
        d.location.path = file;
        d.message = "item " + std::to_string(item) + ": " + what + "; it is not counted";
        into.diagnostics.push_back(std::move(d));
    }

    void thread(element o) {
        Thread t;
        t.author = login_of(o, t.author_is_bot);
        for (const char* key : {"html_url", "url", "issue_url"})
            if (t.key = thread_key(util::json_string(o, key)); !t.key.empty()) break;
        if (t.key.empty()) {
            std::string repo = util::json_string(o["repository"], "full_name");
            if (repo.empty()) repo = util::json_string(o["base"]["repo"], "full_name");
            if (std::string n = number_text(o); !repo.empty() && !n.empty()) t.key = repo + "#" + n;
        }
        element pull;
        bool issue_of_pull = !o["pull_request"].get(pull) && pull.is_object();
        std::string html = util::json_string(o, "html_url");
        std::string state = util::json_string(o, "state");
        t.change_request = issue_of_pull || !o["merged_at"].error() || !o["head"].error() ||
                           html.find("/pull/") != std::string::npos ||
                           html.find("/pulls/") != std::string::npos;
        t.created = time_of(o, "created_at");
        t.closed = time_of(o, "closed_at");
        if (t.closed == 0) t.closed = time_of(o, "finished_at"); // Gitee issues
        t.merged = issue_of_pull ? time_of(pull, "merged_at") : time_of(o, "merged_at");
        if (t.key.empty()) return problem("an issue or change request without an address");
        if (t.author.empty()) return problem(t.key + " has no author (user.login)");
        if (t.created <= 0) return problem(t.key + " has no valid created_at");
        if (t.closed < 0 || t.merged < 0) return problem(t.key + ": a closing time is not a time");
        if (t.merged == 0 && state == "merged") t.merged = t.closed; // Gitee says it this way
        if (t.merged && !t.closed) t.closed = t.merged;
        if (state == "open" || state == "progressing") t.closed = t.merged = 0; // reopened
        auto [it, added] = thread_index.try_emplace(t.key, into.threads.size());
        if (added) {
            into.threads.push_back(std::move(t));
            return;
        }
        // The same thread from two endpoints (/pulls and /issues): one thread.
        Thread& known = into.threads[it->second];
        known.change_request |= t.change_request;
        known.closed = std::max(known.closed, t.closed);
        known.merged = std::max(known.merged, t.merged);
    }

    void response(element o, Response::Kind kind, std::string key, const char* time_key) {
        Response r;
        r.kind = kind;
        r.thread = std::move(key);
        r.author = login_of(o, r.author_is_bot);
        r.time = time_of(o, time_key);
        if (r.thread.empty()) return problem("a comment or review that names no issue");
        if (r.author.empty()) return problem("a response to " + r.thread + " without an author");
        if (r.time <= 0)
            return problem(std::string("a response to ") + r.thread +
                           (r.time == 0 ? " not submitted (no " : " with an invalid ") + time_key +
                           ")");
        into.responses.push_back(std::move(r));
    }

    void object_item(element o) {
        ++item;
        if (!o.is_object()) return problem("not an object");
        std::string pull_url = util::json_string(o, "pull_request_url");
        if (!o["submitted_at"].error() && !pull_url.empty())
            return response(o, Response::Kind::review, thread_key(pull_url), "submitted_at");
        if (!pull_url.empty()) { // a comment on a change request (GitHub: on its code)
            bool code =
                !o["diff_hunk"].error() || util::json_string(o, "comment_type") == "diff_comment";
            return response(o, code ? Response::Kind::review_comment : Response::Kind::comment,
                            thread_key(pull_url), "created_at");
        }
        if (o["number"].error() && !o["issue_url"].error())
            return response(o, Response::Kind::comment,
                            thread_key(util::json_string(o, "issue_url")), "created_at");
        element target;
        if (o["number"].error() && !o["target"].get(target)) { // a Gitee issue comment
            element issue;
            std::string n = target["issue"].get(issue) ? std::string() : number_text(issue);
            if (n.empty()) return problem("a comment whose target names no issue");
            return response(o, Response::Kind::comment, "#" + n, "created_at");
        }
        if (!o["number"].error() && !o["created_at"].error()) return thread(o);
        problem("neither an issue, a change request, a comment nor a review");
    }

    void document(element doc) {
        simdjson::dom::array items;
        if (!doc.get(items)) {
            for (element e : items)
                object_item(e);
        } else {
            object_item(doc);
        }
    }

    /// Gitee's issue comments name the issue by its number alone ("I1ABC"): the thread of
    /// that number, when exactly one was read.
    void resolve_numbers() {
        std::map<std::string, std::vector<std::size_t>> by_number;
        for (std::size_t i = 0; i < into.threads.size(); ++i) {
            const auto& key = into.threads[i].key;
            by_number[key.substr(key.find('#'))].push_back(i);
        }
        for (auto& r : into.responses) {
            if (!r.thread.starts_with("#")) continue;
            auto it = by_number.find(r.thread);
            if (it != by_number.end() && it->second.size() == 1)
                r.thread = into.threads[it->second.front()].key;
        }
    }
};

} // namespace

std::int64_t parse_forge_time(std::string_view s) {
    auto digits = [&](std::size_t at, std::size_t n, int& out) {
        if (at + n > s.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!digits(0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
        !digits(8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' ||
        !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, sec))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
    std::size_t at = 19;
    if (at < s.size() && s[at] == '.')
        for (++at; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at) {
        }
    std::int64_t offset = 0;
    if (at < s.size() && s[at] == 'Z') {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        int oh, om;
        bool colon = at + 3 < s.size() && s[at + 3] == ':';
        if (!digits(at + 1, 2, oh) || !digits(at + (colon ? 4 : 3), 2, om) || oh > 23 || om > 59)
            return -1;
        offset = (oh * 60 + om) * 60 * (s[at] == '-' ? -1 : 1);
        at += colon ? 6 : 5;
    } else {
        return -1; // a time without its zone is no instant
    }
    if (at != s.size()) return -1;
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
           h * 3600 + mi * 60 + sec - offset;
}

Result<void> read_events(std::string_view text, const std::string& file, Events& into) {
    simdjson::padded_string padded(text);
    simdjson::dom::parser parser;
    simdjson::dom::document_stream stream;
    // One batch holds the whole text: an array of any size is one document.
    std::size_t batch = std::max<std::size_t>(padded.size(), simdjson::dom::MINIMAL_BATCH_SIZE);
    if (auto err = parser.parse_many(padded, batch).get(stream))
        return fail(file + ": invalid JSON: " + simdjson::error_message(err));
    Reader reader{file, into, {}, 0};
    for (std::size_t i = 0; i < into.threads.size(); ++i)
        reader.thread_index[into.threads[i].key] = i;
    std::size_t documents = 0;
    for (auto doc : stream) {
        element e;
        if (auto err = doc.get(e))
            return fail(file + ": invalid JSON after " + std::to_string(documents) +
                        " document(s): " + simdjson::error_message(err));
        ++documents;
        reader.document(e);
    }
    if (documents == 0 && text.find_first_not_of(" \t\r\n") != std::string_view::npos)
        return fail(file + ": invalid JSON: no document could be read");
    reader.resolve_numbers();
    return {};
}

Result<void> read_events_file(const std::string& file, Events& into) {
    auto text = util::read_file(file, max_file);
    if (!text) return unexpected(text.error());
    return read_events(*text, file, into);
}

} // namespace kaiyuan::community
