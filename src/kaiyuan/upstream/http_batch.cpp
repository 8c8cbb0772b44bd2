#include "kaiyuan/upstream/http_batch.hpp"

#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/hash.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace kaiyuan::upstream {
namespace {

using Clock = std::chrono::steady_clock;

struct Transfer {
    std::size_t index = 0;
    int attempt = 0;
    std::uint64_t max_body = 0;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::string body;
    bool too_large = false;
    std::string etag, last_modified, retry_after, ratelimit_remaining, ratelimit_reset;
    char error[CURL_ERROR_SIZE] = {};

    ~Transfer() {
        if (headers) curl_slist_free_all(headers);
        if (easy) curl_easy_cleanup(easy);
    }
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t->body.size() + n > t->max_body) {
        t->too_large = true;
        return 0; // aborts the transfer (CURLE_WRITE_ERROR)
    }
    t->body.append(data, n);
    return n;
}

bool header_is(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
    return true;
}

std::string header_value(std::string_view line, std::size_t name_size) {
    std::string_view v = line.substr(name_size + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
        v.remove_suffix(1);
    return std::string(v);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) { // a new response (after a redirect): forget the last one's
        t->etag.clear();
        t->last_modified.clear();
        t->retry_after.clear();
        t->ratelimit_remaining.clear();
        t->ratelimit_reset.clear();
    }
    struct Field {
        std::string_view name;
        std::string Transfer::*value;
    };
    static constexpr Field fields[] = {
        {"etag", &Transfer::etag},
        {"last-modified", &Transfer::last_modified},
        {"retry-after", &Transfer::retry_after},
        {"x-ratelimit-remaining", &Transfer::ratelimit_remaining},
        {"x-ratelimit-reset", &Transfer::ratelimit_reset},
    };
    for (const auto& f : fields)
        if (header_is(line, f.name)) t->*f.value = header_value(line, f.name.size());
    return size * count;
}

std::string host_of(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    return std::string(url.substr(0, url.find(':')));
}

/// The kept copy of a URL's last 2xx body: `<key>.body`, and `<key>.meta` holding its ETag and
/// Last-Modified, one per line.
struct CacheEntry {
    std::filesystem::path body, meta;
    std::string etag, last_modified;
};

CacheEntry cache_entry(const std::string& dir, const std::string& url) {
    CacheEntry e;
    if (dir.empty()) return e;
    std::string key = util::digest_hex(util::DigestAlgorithm::sha256, url);
    e.body = std::filesystem::path(dir) / (key + ".body");
    e.meta = std::filesystem::path(dir) / (key + ".meta");
    std::ifstream in(e.meta);
    std::getline(in, e.etag);
    std::getline(in, e.last_modified);
    std::error_code ec;
    if (!std::filesystem::exists(e.body, ec)) e.etag.clear(), e.last_modified.clear();
    return e;
}

void keep(const CacheEntry& e, const Transfer& t) {
    if (e.body.empty() || (t.etag.empty() && t.last_modified.empty())) return;
    std::error_code ec;
    std::filesystem::create_directories(e.body.parent_path(), ec);
    // Written beside and renamed over: a reader never sees half a body (POSIX rename).
    auto tmp_body = e.body.string() + ".tmp", tmp_meta = e.meta.string() + ".tmp";
    {
        std::ofstream b(tmp_body, std::ios::binary);
        b << t.body;
        std::ofstream m(tmp_meta);
        m << t.etag << '\n' << t.last_modified << '\n';
        if (!b || !m) return;
    }
    std::filesystem::rename(tmp_body, e.body, ec);
    if (!ec) std::filesystem::rename(tmp_meta, e.meta, ec);
}

/// Seconds to wait before asking again, from Retry-After (seconds) or X-RateLimit-Reset (epoch
/// seconds); -1 when neither says.
long rate_limit_wait(const Transfer& t) {
    auto number = [](const std::string& s) -> long {
        if (s.empty() || s.size() > 12 ||
            !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        return std::stol(s);
    };
    if (long s = number(t.retry_after); s >= 0) return s;
    if (long reset = number(t.ratelimit_reset); reset >= 0)
        return std::max(0L, reset - static_cast<long>(std::time(nullptr)));
    return -1;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

std::vector<HttpResponse> fetch_all(const std::vector<std::string>& urls,
                                    const HttpBatchOptions& options) {
    std::vector<HttpResponse> out(urls.size());
    fetch_each(urls, options, [&](std::size_t i, HttpResponse&& r) { out[i] = std::move(r); });
    return out;
}

void fetch_each(const std::vector<std::string>& urls, const HttpBatchOptions& options,
                const std::function<void(std::size_t, HttpResponse&&)>& on_answer) {
    global_init();
    std::vector<HttpResponse> out(urls.size());
    std::vector<CacheEntry> cache(urls.size());
    CURLM* multi = curl_multi_init();
    struct Waiting {
        Clock::time_point when;
        std::size_t index;
        int attempt;
    };
    std::deque<Waiting> waiting; // rate-limited requests asked again later
    std::size_t next = 0, done = 0, active = 0;
    std::vector<std::unique_ptr<Transfer>> running;

    auto start = [&](std::size_t i, int attempt) {
        auto t = std::make_unique<Transfer>();
        t->index = i;
        t->attempt = attempt;
        t->max_body = options.max_body;
        t->easy = curl_easy_init();
        const std::string& url = urls[i];
        if (attempt == 0) cache[i] = cache_entry(options.cache_dir, url);
        if (!cache[i].etag.empty())
            t->headers = curl_slist_append(t->headers, ("If-None-Match: " + cache[i].etag).c_str());
        else if (!cache[i].last_modified.empty())
            t->headers = curl_slist_append(
                t->headers, ("If-Modified-Since: " + cache[i].last_modified).c_str());
        if (!options.bearer_token.empty() && url.starts_with("https://") &&
            std::ranges::find(options.token_hosts, host_of(url)) != options.token_hosts.end())
            t->headers = curl_slist_append(
                t->headers, ("Authorization: Bearer " + options.bearer_token).c_str());
        CURL* e = t->easy;
        curl_easy_setopt(e, CURLOPT_URL, url.c_str());
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,ftp,ftps");
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(e, CURLOPT_MAXREDIRS, options.max_redirects);
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body));
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); // gzip etc.; the limit is on the decoded
        curl_easy_setopt(e, CURLOPT_TIMEOUT, options.timeout_seconds);
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
        curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
        curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
        curl_multi_add_handle(multi, e);
        running.push_back(std::move(t));
        ++active;
    };

    auto finish = [&](Transfer& t, CURLcode rc) {
        HttpResponse& r = out[t.index];
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &r.status);
        char* effective = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
        r.final_url = effective ? effective : urls[t.index];
        const CacheEntry& kept = cache[t.index];
        if (rc != CURLE_OK) {
            if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED)
                r.error = "the answer is larger than " + std::to_string(options.max_body) +
                          " bytes: not read";
            else if (rc == CURLE_TOO_MANY_REDIRECTS)
                r.error = "more than " + std::to_string(options.max_redirects) +
                          " redirects (a redirect loop?)";
            else if (rc == CURLE_OPERATION_TIMEDOUT)
                r.error =
                    "no complete answer within " + std::to_string(options.timeout_seconds) + " s";
            else
                r.error = t.error[0] ? std::string(t.error) : curl_easy_strerror(rc);
            return;
        }
        if (r.status == 304 && !kept.body.empty()) {
            auto body = util::read_file(kept.body.string());
            if (body) {
                r.body = std::move(*body);
                r.from_cache = true;
                r.status = 200;
                return;
            }
        }
        bool limited = r.status == 429 || (r.status == 403 && t.ratelimit_remaining == "0");
        if (limited) {
            long wait = rate_limit_wait(t);
            if (t.attempt == 0 && wait >= 0 && wait <= options.max_rate_limit_wait) {
                waiting.push_back({Clock::now() + std::chrono::seconds(wait), t.index, 1});
                return;
            }
            r.error = "rate limited by " + host_of(urls[t.index]) +
                      (wait >= 0 ? ": asked to wait " + std::to_string(wait) + " s" : "") +
                      (host_of(urls[t.index]) == "api.github.com" && options.bearer_token.empty()
                           ? " (set GITHUB_TOKEN for a higher limit)"
                           : "");
            return;
        }
        if (r.status < 200 || r.status >= 300) {
            r.error = "HTTP " + std::to_string(r.status) + (r.status == 404 ? " (not found)" : "");
            return;
        }
        keep(kept, t);
        r.body = std::move(t.body);
    };

    while (next < urls.size() || !waiting.empty() || active > 0) {
        auto now = Clock::now();
        while (active < std::max(1u, options.in_flight)) {
            auto ready = std::find_if(waiting.begin(), waiting.end(),
                                      [&](const Waiting& w) { return w.when <= now; });
            if (ready != waiting.end()) {
                Waiting w = *ready;
                waiting.erase(ready);
                start(w.index, w.attempt);
            } else if (next < urls.size()) {
                start(next++, 0);
            } else {
                break;
            }
        }
        if (active == 0) { // only rate-limited requests are left: wait for the first
            auto first = std::min_element(
                waiting.begin(), waiting.end(),
                [](const Waiting& a, const Waiting& b) { return a.when < b.when; });
            if (first != waiting.end()) std::this_thread::sleep_until(first->when);
            continue;
        }
        int still = 0;
        curl_multi_perform(multi, &still);
        int queued = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
            if (m->msg != CURLMSG_DONE) continue;
            Transfer* t = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
            CURLcode rc = m->data.result;
            curl_multi_remove_handle(multi, m->easy_handle);
            finish(*t, rc);
            --active;
            bool retried =
                std::ranges::any_of(waiting, [&](const Waiting& w) { return w.index == t->index; });
            if (!retried) {
                // Handed over at once: the body is not kept here once it is read.
                // Moved into a local that dies here: assigning an empty answer over it would
                // keep the body's buffer (a string keeps its capacity when given a short one).
                HttpResponse answer = std::move(out[t->index]);
                on_answer(t->index, std::move(answer));
                if (options.progress) options.progress->advance(++done);
            }
            std::erase_if(running, [&](const auto& p) { return p.get() == t; });
        }
        if (active > 0) curl_multi_poll(multi, nullptr, 0, 200, nullptr);
    }
    curl_multi_cleanup(multi);
}

} // namespace kaiyuan::upstream
