#include "kaiyuan/upstream/listing.hpp"

#include "kaiyuan/util/json_read.hpp"

#include <pugixml.hpp>
#include <re2/re2.h>

#include <ctime>

namespace kaiyuan::upstream {
namespace {

/// The date part of an ISO 8601 time ("2019-04-02T14:05:49.123Z" -> "2019-04-02"); "" when it
/// does not start with one.
std::string iso_date(std::string_view t) {
    if (t.size() < 10 || t[4] != '-' || t[7] != '-') return {};
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (t[i] < '0' || t[i] > '9') return {};
    return std::string(t.substr(0, 10));
}

std::string epoch_date(double seconds) {
    if (!(seconds > 0 && seconds < 1e11)) return {};
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string with_slash(std::string s) {
    if (!s.empty() && s.back() != '/') s += '/';
    return s;
}

Result<simdjson::dom::element> json_of(simdjson::dom::parser& parser, std::string_view body,
                                       std::string_view expected) {
    auto doc = util::parse_json(parser, body);
    if (!doc) return fail(doc.error().message + " (expected " + std::string(expected) + ")");
    return *doc;
}

Result<std::vector<ListedVersion>> read_pypi(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "PyPI's JSON API answer");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::object releases;
    if ((*doc)["releases"].get(releases))
        return fail("no 'releases' object: not PyPI's JSON API answer");
    std::vector<ListedVersion> out;
    for (auto [version, files] : releases) {
        simdjson::dom::array list;
        if (files.get(list)) continue;
        ListedVersion v{std::string(version), {}, false};
        bool any = false, all_yanked = true;
        for (simdjson::dom::element f : list) {
            any = true;
            bool yanked = false;
            if (f["yanked"].get(yanked) || !yanked) all_yanked = false;
            std::string when = iso_date(util::json_string(f, "upload_time_iso_8601"));
            if (when.empty()) when = iso_date(util::json_string(f, "upload_time"));
            if (!when.empty() && (v.date.empty() || when < v.date)) v.date = when;
        }
        if (any && all_yanked) continue; // PEP 592: a yanked release is not one to move to
        out.push_back(std::move(v));
    }
    return out;
}

Result<std::vector<ListedVersion>> read_rubygems(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "RubyGems' versions list");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::array list;
    if (doc->get(list)) return fail("not an array: not RubyGems' versions list");
    std::vector<ListedVersion> out;
    for (simdjson::dom::element r : list) {
        std::string number = util::json_string(r, "number");
        if (number.empty()) continue;
        bool pre = false;
        if (r["prerelease"].get(pre)) pre = false;
        std::string when = iso_date(util::json_string(r, "created_at"));
        if (when.empty()) when = iso_date(util::json_string(r, "built_at"));
        out.push_back({std::move(number), std::move(when), pre});
    }
    return out;
}

Result<std::vector<ListedVersion>> read_metacpan(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "MetaCPAN's release");
    if (!doc) return unexpected(doc.error());
    std::string version = util::json_string(*doc, "version");
    if (version.empty()) version = util::json_string((*doc)["metadata"], "version");
    if (version.empty()) {
        double numified = 0;
        if ((*doc)["version_numified"].get(numified))
            return fail("no 'version': not MetaCPAN's release");
        version = std::to_string(numified);
    }
    std::string status = util::json_string(*doc, "maturity");
    return std::vector<ListedVersion>{
        {version, iso_date(util::json_string(*doc, "date")), status == "developer"}};
}

Result<std::vector<ListedVersion>> read_npm(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "an npm packument");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::object versions;
    if ((*doc)["versions"].get(versions)) return fail("no 'versions' object: not an npm packument");
    simdjson::dom::object times;
    bool has_times = !(*doc)["time"].get(times);
    std::vector<ListedVersion> out;
    for (auto [version, meta] : versions) {
        ListedVersion v{std::string(version), {}, false};
        std::string_view when;
        if (has_times && !times[version].get(when)) v.date = iso_date(when);
        out.push_back(std::move(v));
    }
    return out;
}

Result<std::vector<ListedVersion>> read_cratesio(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "crates.io's crate answer");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::array versions;
    if ((*doc)["versions"].get(versions))
        return fail("no 'versions' array: not crates.io's crate answer");
    std::vector<ListedVersion> out;
    for (simdjson::dom::element v : versions) {
        std::string num = util::json_string(v, "num");
        bool yanked = false;
        if (v["yanked"].get(yanked)) yanked = false;
        if (num.empty() || yanked) continue;
        out.push_back({std::move(num), iso_date(util::json_string(v, "created_at")), false});
    }
    return out;
}

Result<std::vector<ListedVersion>> read_maven(std::string_view body) {
    pugi::xml_document xml;
    auto parsed = xml.load_buffer(body.data(), body.size(), pugi::parse_default);
    if (!parsed) return fail(std::string("invalid XML: ") + parsed.description());
    pugi::xml_node versioning = xml.child("metadata").child("versioning");
    if (!versioning) return fail("no metadata/versioning: not a maven-metadata.xml");
    std::vector<ListedVersion> out;
    for (pugi::xml_node v : versioning.child("versions").children("version"))
        if (*v.child_value()) out.push_back({v.child_value(), {}, false});
    return out;
}

Result<std::vector<ListedVersion>> read_go(std::string_view body) {
    if (body.find('\0') != std::string_view::npos || body.starts_with("<") || body.starts_with("{"))
        return fail("not a Go module proxy's version list (one version a line)");
    std::vector<ListedVersion> out;
    while (!body.empty()) {
        std::string_view line = body.substr(0, body.find('\n'));
        body.remove_prefix(std::min(body.size(), line.size() + 1));
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (line.empty()) continue;
        if (line[0] != 'v' || line.find(' ') != std::string_view::npos)
            return fail("'" + std::string(line.substr(0, 80)) +
                        "' is no Go module version: not a proxy's version list");
        // Go's versions are semver with a 'v' (go.dev/ref/mod#versions); what is compared is
        // the semver.
        out.push_back({std::string(line.substr(1)), {}, false});
    }
    return out;
}

Result<std::vector<ListedVersion>> read_packagist(std::string_view body, const std::string& name) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "Packagist's p2 metadata");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::object packages;
    if ((*doc)["packages"].get(packages))
        return fail("no 'packages' object: not Packagist's p2 metadata");
    simdjson::dom::array list;
    if (packages[name].get(list)) return fail("no versions of '" + name + "' in the answer");
    std::vector<ListedVersion> out;
    for (simdjson::dom::element v : list) {
        // p2 answers are minified (composer/metadata-minifier): a field left out repeats the
        // previous entry's. A version and a time are in every entry that has one of its own.
        std::string version = util::json_string(v, "version");
        if (version.empty()) continue;
        if (version.size() > 1 && version[0] == 'v' && version[1] >= '0' && version[1] <= '9')
            version.erase(0, 1);
        out.push_back({std::move(version), iso_date(util::json_string(v, "time")), false});
    }
    return out;
}

Result<std::vector<ListedVersion>> read_nuget(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "NuGet's package versions");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::array versions;
    if ((*doc)["versions"].get(versions))
        return fail("no 'versions' array: not NuGet's package versions");
    std::vector<ListedVersion> out;
    for (const auto& v : util::json_strings(*doc, "versions"))
        out.push_back({v, {}, false});
    return out;
}

Result<std::vector<ListedVersion>> read_hg(std::string_view body) {
    simdjson::dom::parser parser;
    auto doc = json_of(parser, body, "Mercurial's json-tags");
    if (!doc) return unexpected(doc.error());
    simdjson::dom::array tags;
    if ((*doc)["tags"].get(tags)) return fail("no 'tags' array: not Mercurial's json-tags");
    std::vector<ListedVersion> out;
    for (simdjson::dom::element t : tags) {
        std::string tag = util::json_string(t, "tag");
        if (tag.empty() || tag == "tip") continue;
        double when = 0;
        simdjson::dom::array date;
        if (!t["date"].get(date) && date.size() > 0 && date.at(0).get(when)) when = 0;
        out.push_back({std::move(tag), epoch_date(when), false});
    }
    return out;
}

/// The first group (or the whole) of every match of `pattern` in `body`, in order.
Result<std::vector<ListedVersion>> matches(std::string_view body, const std::string& pattern) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(8 << 20); // a hostile pattern is refused, not run
    re2::RE2 grouped(pattern, options);
    if (!grouped.ok()) return fail("regex '" + pattern + "': " + grouped.error());
    re2::RE2 whole("(" + pattern + ")", options);
    const re2::RE2& re = grouped.NumberOfCapturingGroups() > 0 ? grouped : whole;
    std::vector<ListedVersion> out;
    re2::StringPiece rest(body.data(), body.size());
    std::string first;
    while (!rest.empty() && out.size() < 100000) { // a hostile page: enough
        const char* before = rest.data();
        if (!re2::RE2::FindAndConsume(&rest, re, &first)) break;
        if (rest.data() == before) rest.remove_prefix(1); // an empty match moves on
        if (!first.empty()) out.push_back({first, {}, false});
    }
    return out;
}

Result<std::vector<ListedVersion>> read_file_listing(std::string_view body, bool same_text) {
    if (body.find('\0') != std::string_view::npos) return fail("a binary answer, not a listing");
    // check_upstream.py: href="(.*)">(\1)</a> for GNU's, href="(.*)">(.*)</a> for others, per
    // line; RE2 has no back-references, so the GNU form is checked after the match.
    static const re2::RE2 link(R"re(href="([^"]*)">([^<]*)</a>)re");
    std::vector<ListedVersion> out;
    re2::StringPiece rest(body.data(), body.size());
    std::string href, text;
    while (re2::RE2::FindAndConsume(&rest, link, &href, &text)) {
        if (same_text && href != text) continue;
        if (!href.empty() && href.back() == '/') href.pop_back();
        if (!href.empty()) out.push_back({href, {}, false});
    }
    if (out.empty() && body.find("<") == std::string_view::npos) {
        // An ftp:// directory as curl lists it: one entry a line, the name last.
        while (!body.empty()) {
            std::string_view line = body.substr(0, body.find('\n'));
            body.remove_prefix(std::min(body.size(), line.size() + 1));
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.remove_suffix(1);
            auto space = line.rfind(' ');
            std::string_view name = space == std::string_view::npos ? line : line.substr(space + 1);
            if (!name.empty()) out.push_back({std::string(name), {}, false});
        }
    }
    return out;
}

Result<std::vector<ListedVersion>> read_sourceforge(std::string_view body) {
    static const re2::RE2 folder(R"re(<tr title="([^"]*)" class="folder ">)re");
    std::vector<ListedVersion> out;
    re2::StringPiece rest(body.data(), body.size());
    std::string title;
    while (re2::RE2::FindAndConsume(&rest, folder, &title))
        out.push_back({title, {}, false});
    return out;
}

} // namespace

Result<void> RegistryBases::set(std::string_view kind, std::string url) {
    url = with_slash(std::move(url));
    struct Base {
        std::string_view kind;
        std::string RegistryBases::*field;
    };
    static constexpr Base bases[] = {
        {"pypi", &RegistryBases::pypi},
        {"rubygem", &RegistryBases::rubygems},
        {"metacpan", &RegistryBases::metacpan},
        {"npm", &RegistryBases::npm},
        {"cratesio", &RegistryBases::cratesio},
        {"maven", &RegistryBases::maven},
        {"go", &RegistryBases::go},
        {"packagist", &RegistryBases::packagist},
        {"nuget", &RegistryBases::nuget},
        {"gnu-ftp", &RegistryBases::gnu},
    };
    for (const auto& b : bases)
        if (b.kind == kind) {
            this->*b.field = std::move(url);
            return {};
        }
    return fail("no registry is called '" + std::string(kind) +
                "' (pypi, rubygem, metacpan, npm, cratesio, maven, go, packagist, nuget, "
                "gnu-ftp)");
}

bool listed_over_http(UpstreamKind kind) {
    switch (kind) {
    case UpstreamKind::none:
    case UpstreamKind::github:
    case UpstreamKind::gitee:
    case UpstreamKind::gitlab_gnome:
    case UpstreamKind::git:
    case UpstreamKind::svn:
        return false;
    default:
        return true;
    }
}

std::string go_escape(std::string_view module) {
    std::string out;
    for (char c : module) {
        if (c >= 'A' && c <= 'Z') {
            out += '!';
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

std::string listing_address(const UpstreamDescription& d, const RegistryBases& b) {
    const std::string& repo = d.src_repo;
    if (repo.empty()) return {};
    switch (d.kind) {
    case UpstreamKind::pypi:
        return b.pypi + repo + "/json";
    case UpstreamKind::rubygem:
        return b.rubygems + repo + ".json";
    case UpstreamKind::metacpan:
        return b.metacpan + repo;
    case UpstreamKind::npm: {
        // A scoped name's '/' is escaped, as npm's own client asks (@scope%2fname).
        std::string name = repo;
        if (auto slash = name.find('/'); name.starts_with("@") && slash != std::string::npos)
            name.replace(slash, 1, "%2f");
        return b.npm + name;
    }
    case UpstreamKind::cratesio:
        return b.cratesio + repo;
    case UpstreamKind::maven: {
        auto colon = repo.find(':');
        if (colon == std::string::npos) return {};
        std::string group = repo.substr(0, colon);
        for (char& c : group)
            if (c == '.') c = '/';
        return b.maven + group + "/" + repo.substr(colon + 1) + "/maven-metadata.xml";
    }
    case UpstreamKind::go:
        return b.go + go_escape(repo) + "/@v/list";
    case UpstreamKind::packagist:
        return b.packagist + repo + ".json";
    case UpstreamKind::nuget: {
        std::string id = repo;
        for (char& c : id)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return b.nuget + id + "/index.json";
    }
    case UpstreamKind::hg:
        return with_slash(repo) + "json-tags";
    case UpstreamKind::gnu_ftp:
        return b.gnu + with_slash(repo);
    case UpstreamKind::ftp:
        return with_slash(repo);
    case UpstreamKind::sourceforge:
    case UpstreamKind::regex:
        return !d.url.empty() && d.kind == UpstreamKind::regex ? d.url : repo;
    default:
        return {};
    }
}

Result<std::vector<ListedVersion>> read_listing(const UpstreamDescription& d,
                                                std::string_view body) {
    switch (d.kind) {
    case UpstreamKind::pypi:
        return read_pypi(body);
    case UpstreamKind::rubygem:
        return read_rubygems(body);
    case UpstreamKind::metacpan:
        return read_metacpan(body);
    case UpstreamKind::npm:
        return read_npm(body);
    case UpstreamKind::cratesio:
        return read_cratesio(body);
    case UpstreamKind::maven:
        return read_maven(body);
    case UpstreamKind::go:
        return read_go(body);
    case UpstreamKind::packagist:
        return read_packagist(body, d.src_repo);
    case UpstreamKind::nuget:
        return read_nuget(body);
    case UpstreamKind::hg:
        return read_hg(body);
    case UpstreamKind::gnu_ftp:
        return read_file_listing(body, true);
    case UpstreamKind::ftp:
        return read_file_listing(body, false);
    case UpstreamKind::sourceforge:
        return read_sourceforge(body);
    case UpstreamKind::regex:
        if (d.regex.empty()) return fail("a regex source without a pattern ('regex')");
        return matches(body, d.regex);
    default:
        return fail("'" + std::string(kind_name(d.kind)) + "' is not read over HTTP");
    }
}

} // namespace kaiyuan::upstream
