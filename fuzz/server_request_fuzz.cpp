// libFuzzer target: the server's request readers and handlers, without the HTTP library. The
// first byte chooses: the Dependency-Track JSON envelope, its multipart fields, a vers range, or
// a whole request ("METHOD PATH?QUERY\nName: value\n\nBODY") dispatched through the router, the
// key check and the handlers to a real SQLite store. A Cookie header holding SESSION stands for a
// signed-in user's session (its real token is put in its place), so the session and CSRF checks
// are reached too.
#include "kaiyuan/server/dt_v1/bom_request.hpp"
#include "kaiyuan/server/router.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/version/vers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

struct Fixture {
    std::unique_ptr<kaiyuan::store::Store> store;
    std::string key;
    std::string session;
    kaiyuan::server::ServerOptions options;
    Fixture() {
        auto path = std::filesystem::temp_directory_path() /
                    ("kaiyuan-fuzz-" + kaiyuan::util::uuid4() + ".db");
        auto s = kaiyuan::store::Store::open("sqlite:" + path.string());
        if (!s) std::abort();
        store = std::move(*s);
        key = store->create_key("fuzz", {kaiyuan::store::Permission::admin}, "")->key;
        if (!store->put_team("fuzzers", {kaiyuan::store::Permission::triage}) ||
            !store->create_user("fuzzer", "fuzzer password", {"fuzzers"}))
            std::abort();
        session = store->sign_in("fuzzer", "fuzzer password")->token;
    }
};

kaiyuan::server::Request parse_request(std::string_view text, const std::string& key,
                                       const std::string& session) {
    kaiyuan::server::Request r;
    auto line_end = text.find('\n');
    std::string_view first = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
    auto space = first.find(' ');
    r.method = std::string(first.substr(0, space));
    std::string_view target =
        space == std::string_view::npos ? std::string_view("/") : first.substr(space + 1);
    auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) {
        std::string_view query = target.substr(q + 1);
        while (!query.empty()) {
            auto amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            auto eq = pair.find('=');
            r.query.emplace(std::string(pair.substr(0, eq)),
                            eq == std::string_view::npos ? std::string()
                                                         : std::string(pair.substr(eq + 1)));
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        }
    }
    while (!text.empty() && text.front() != '\n') {
        auto end = text.find('\n');
        std::string_view h = text.substr(0, end);
        auto colon = h.find(':');
        if (colon != std::string_view::npos)
            r.headers[std::string(h.substr(0, colon))] = std::string(h.substr(colon + 1));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    if (!text.empty()) text.remove_prefix(1);
    r.body = std::string(text);
    if (auto c = r.headers.find("Cookie"); c != r.headers.end()) {
        if (auto at = c->second.find("SESSION"); at != std::string::npos)
            c->second.replace(at, 7, session);
    } else if (!r.headers.count("X-Api-Key")) {
        r.headers["X-Api-Key"] = key;
    }
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static Fixture fixture;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        (void)kaiyuan::server::dt_v1::parse_bom_json(text);
        break;
    case 1: {
        std::map<std::string, std::string> form;
        std::string_view rest = text;
        while (!rest.empty()) {
            auto end = rest.find('\n');
            std::string_view line = rest.substr(0, end);
            auto eq = line.find('=');
            form[std::string(line.substr(0, eq))] =
                eq == std::string_view::npos ? "" : std::string(line.substr(eq + 1));
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
        (void)kaiyuan::server::dt_v1::parse_bom_form(form);
        break;
    }
    case 2: {
        auto nl = text.find('\n');
        auto range = kaiyuan::version::VersRange::parse(text.substr(0, nl));
        if (range && nl != std::string_view::npos) (void)range->contains(text.substr(nl + 1));
        break;
    }
    default: {
        auto request = parse_request(text, fixture.key, fixture.session);
        auto response =
            kaiyuan::server::dispatch(request, *fixture.store, nullptr, fixture.options);
        // Every answer is a status a client understands; errors are problem documents.
        if (response.status < 200 || response.status > 599) std::abort();
        if (response.status >= 400 && response.content_type != "application/problem+json")
            std::abort();
        break;
    }
    }
    return 0;
}
