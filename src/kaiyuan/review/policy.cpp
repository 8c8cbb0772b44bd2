#include "kaiyuan/review/policy.hpp"

#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <algorithm>
#include <array>

namespace kaiyuan::review {

namespace {

using util::YamlNode;

/// Keys of dependency-review-action that only make sense on GitHub.
constexpr std::array k_online_keys{"comment-summary-in-pr",
                                   "show-openssf-scorecard",
                                   "warn-on-openssf-scorecard-level",
                                   "retry-on-snapshot-warnings",
                                   "retry-on-snapshot-warnings-timeout",
                                   "external-repo-token",
                                   "repo-token",
                                   "config-file",
                                   "show-patched-versions"};

struct Reader {
    const std::string& path;
    std::string at(std::uint32_t line) const { return path + ":" + std::to_string(line) + ": "; }

    /// A list: a sequence of scalars, or one comma-separated string.
    Result<std::vector<std::pair<std::string, std::uint32_t>>> list(const std::string& key,
                                                                    const YamlNode& node) const {
        std::vector<std::pair<std::string, std::uint32_t>> out;
        if (node.kind == YamlNode::Kind::null) return out;
        if (node.kind == YamlNode::Kind::scalar) {
            for (auto part : util::split(node.value, ','))
                if (!util::trim(part).empty()) out.emplace_back(util::trim(part), node.line);
            return out;
        }
        if (node.kind != YamlNode::Kind::sequence)
            return fail(at(node.line) + key + " is a list (or a comma-separated string)");
        for (const auto& item : node.items) {
            if (item.kind != YamlNode::Kind::scalar)
                return fail(at(item.line) + "an entry of " + key + " is a single value");
            if (!util::trim(item.value).empty())
                out.emplace_back(util::trim(item.value), item.line);
        }
        return out;
    }

    Result<bool> boolean(const std::string& key, const YamlNode& node) const {
        std::string v = util::to_lower(node.value);
        if (node.kind == YamlNode::Kind::scalar) {
            if (v == "true" || v == "yes" || v == "on") return true;
            if (v == "false" || v == "no" || v == "off") return false;
        }
        return fail(at(node.line) + key + " is true or false, not '" + node.value + "'");
    }
};

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Result<AllowedAdvisory> allowed_advisory(const Reader& r, const YamlNode& item) {
    AllowedAdvisory a;
    a.line = item.line;
    if (item.kind == YamlNode::Kind::scalar) {
        a.id = util::trim(item.value);
    } else if (item.is_mapping()) {
        for (const auto& [k, v] : item.entries) {
            if (v.kind != YamlNode::Kind::scalar)
                return fail(r.at(v.line) + k + " of an allowed advisory is a single value");
            if (k == "id")
                a.id = util::trim(v.value);
            else if (k == "reason")
                a.reason = v.value;
            else if (k == "expires") {
                if (!is_date(v.value))
                    return fail(r.at(v.line) + "expires is a date, YYYY-MM-DD, not '" + v.value +
                                "'");
                a.expires = v.value;
            } else
                return fail(r.at(v.line) + "unknown key '" + k +
                            "' in an allowed advisory (id, reason, expires)");
        }
    } else {
        return fail(r.at(item.line) + "an allowed advisory is an id or {id, reason, expires}");
    }
    if (a.id.empty()) return fail(r.at(item.line) + "an allowed advisory needs its id");
    return a;
}

std::string identity_of(const model::Purl& p) {
    return "pkg:" + p.type + "/" + (p.namespace_.empty() ? "" : p.namespace_ + "/") + p.name;
}

Result<DeniedPackage> denied_package(std::string_view text) {
    DeniedPackage d;
    d.text = text;
    std::string purl(text);
    if (auto at = purl.find("@vers:"); at != std::string::npos) {
        auto range = version::VersRange::parse(purl.substr(at + 1));
        if (!range) return fail("'" + d.text + "': " + range.error().message);
        d.range = std::move(*range);
        purl.resize(at);
    }
    auto p = model::Purl::parse(purl);
    if (!p) return fail("'" + d.text + "' is not a purl: " + p.error().message);
    d.identity = identity_of(*p);
    d.version = p->version;
    return d;
}

/// A list of purls (a version, or a vers range, each may carry); errors name the line.
Result<std::vector<DeniedPackage>> package_list(const Reader& r, const std::string& key,
                                                const YamlNode& node) {
    auto items = r.list(key, node);
    if (!items) return unexpected(items.error());
    std::vector<DeniedPackage> out;
    for (const auto& [v, line] : *items) {
        auto d = denied_package(v);
        if (!d) return fail(r.at(line) + d.error().message);
        out.push_back(std::move(*d));
    }
    return out;
}

/// "pkg:maven/com.example", "pkg:npm/@types": a purl's type and namespace, decoded; "" when
/// `text` is not one.
std::string group_of(std::string_view text) {
    if (!text.starts_with("pkg:")) return {};
    auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 4) return {};
    std::string_view ns = text.substr(slash + 1);
    if (ns.empty() || ns.ends_with('/') || ns.find_first_of("?#") != std::string_view::npos)
        return {};
    std::string decoded = model::purl_decode(ns);
    // '@' only as npm's scope sign, first: "pkg:npm/lodash@4" is a package, not a group.
    if (decoded.find('@', 1) != std::string::npos) return {};
    return std::string(text.substr(0, slash + 1)) + decoded;
}

} // namespace

Result<ReviewPolicy> read_review_policy(std::string_view text, const std::string& path) {
    auto doc = util::parse_yaml(text);
    if (!doc) return fail(path + ": " + doc.error().message);
    ReviewPolicy p;
    if (doc->kind == YamlNode::Kind::null) return p;
    if (!doc->is_mapping())
        return fail(path +
                    ": a review policy is a mapping (fail-on-severity, allow-licenses, ...)");
    Reader r{path};
    for (const auto& [key, node] : doc->entries) {
        auto where = r.at(node.line);
        if (key == "fail-on-severity") {
            std::string v = util::to_lower(util::trim(node.value));
            if (v == "moderate") v = "medium";
            int rank = vuln::severity_rank(v);
            if (node.kind != YamlNode::Kind::scalar || rank < 1)
                return fail(where + "fail-on-severity is low, moderate, high or critical, not '" +
                            node.value + "'");
            p.fail_on_severity = rank;
        } else if (key == "fail-on-scopes") {
            auto items = r.list(key, node);
            if (!items) return unexpected(items.error());
            p.fail_on_scopes.clear();
            for (const auto& [v, line] : *items) {
                std::string s = util::to_lower(v);
                if (s == "dev") s = "development";
                if (s != "runtime" && s != "development" && s != "optional" && s != "build" &&
                    s != "unknown")
                    return fail(r.at(line) + "'" + v +
                                "' is not a scope (runtime, development, optional, build, "
                                "unknown)");
                p.fail_on_scopes.insert(s);
            }
        } else if (key == "allow-licenses" || key == "deny-licenses") {
            auto items = r.list(key, node);
            if (!items) return unexpected(items.error());
            for (const auto& [v, line] : *items)
                if (auto added = license::add_to_policy(p.licenses, key == "allow-licenses", v);
                    !added)
                    return fail(r.at(line) + added.error().message);
            p.has_license_rules = true;
        } else if (key == "allow-dependencies-licenses") {
            auto packages = package_list(r, key, node);
            if (!packages) return unexpected(packages.error());
            for (auto& d : *packages)
                p.license_exempt.push_back(std::move(d.identity));
        } else if (key == "allow-ghsas" || key == "allow-advisories") {
            if (node.kind == YamlNode::Kind::sequence) {
                for (const auto& item : node.items) {
                    auto a = allowed_advisory(r, item);
                    if (!a) return unexpected(a.error());
                    p.allowed_advisories.push_back(std::move(*a));
                }
            } else {
                auto items = r.list(key, node);
                if (!items) return unexpected(items.error());
                for (const auto& [v, line] : *items)
                    p.allowed_advisories.push_back({v, "", "", line});
            }
        } else if (key == "deny-packages") {
            auto packages = package_list(r, key, node);
            if (!packages) return unexpected(packages.error());
            for (auto& d : *packages)
                p.denied_packages.push_back(std::move(d));
        } else if (key == "deny-groups") {
            auto items = r.list(key, node);
            if (!items) return unexpected(items.error());
            for (const auto& [v, line] : *items) {
                std::string group = group_of(v);
                if (group.empty())
                    return fail(r.at(line) + "'" + v +
                                "' is not a purl type and namespace (pkg:maven/com.example)");
                p.denied_groups.push_back(std::move(group));
            }
        } else if (key == "license-check" || key == "vulnerability-check" || key == "warn-only") {
            auto b = r.boolean(key, node);
            if (!b) return unexpected(b.error());
            (key == "license-check"         ? p.license_check
             : key == "vulnerability-check" ? p.vulnerability_check
                                            : p.warn_only) = *b;
        } else if (key == "new-packages") {
            if (!node.is_mapping())
                return fail(where + "new-packages is a mapping (require-license: direct)");
            for (const auto& [k, v] : node.entries) {
                if (k != "require-license")
                    return fail(r.at(v.line) + "unknown key '" + k +
                                "' in new-packages (require-license)");
                if (v.value != "none" && v.value != "direct" && v.value != "all")
                    return fail(r.at(v.line) + "require-license is none, direct or all, not '" +
                                v.value + "'");
                p.require_license = v.value;
            }
        } else if (key == "base-ref" || key == "head-ref") {
            if (node.kind != YamlNode::Kind::scalar)
                return fail(where + key + " is a git revision");
            (key == "base-ref" ? p.base_ref : p.head_ref) = node.value;
        } else if (std::find(k_online_keys.begin(), k_online_keys.end(), key) !=
                   k_online_keys.end()) {
            p.ignored_keys.push_back(key);
        } else {
            return fail(where + "unknown key '" + key +
                        "' (fail-on-severity, fail-on-scopes, allow-licenses, deny-licenses, "
                        "allow-dependencies-licenses, allow-ghsas, allow-advisories, "
                        "deny-packages, deny-groups, license-check, vulnerability-check, "
                        "warn-only, new-packages, base-ref, head-ref)");
        }
    }
    return p;
}

Result<ReviewPolicy> read_review_policy_file(const std::string& path) {
    auto text = util::read_file(path, 1u << 20);
    if (!text) return unexpected(text.error());
    return read_review_policy(*text, path);
}

std::string denied_by(const ReviewPolicy& policy, const std::string& purl,
                      const std::string& version) {
    auto p = model::Purl::parse(purl);
    if (!p) return {};
    std::string identity = identity_of(*p);
    for (const auto& d : policy.denied_packages) {
        if (d.identity != identity) continue;
        if (d.range) {
            auto in = d.range->contains(version);
            if (in && *in) return d.text;
        } else if (d.version.empty() || d.version == version) {
            return d.text;
        }
    }
    for (const auto& g : policy.denied_groups)
        if (identity.starts_with(g + "/")) return g;
    return {};
}

bool is_license_exempt(const ReviewPolicy& policy, const std::string& purl) {
    auto p = model::Purl::parse(purl);
    if (!p) return false;
    return std::find(policy.license_exempt.begin(), policy.license_exempt.end(), identity_of(*p)) !=
           policy.license_exempt.end();
}

} // namespace kaiyuan::review
