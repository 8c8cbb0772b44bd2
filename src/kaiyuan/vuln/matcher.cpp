#include "kaiyuan/vuln/matcher.hpp"

#include "kaiyuan/vuln/affected.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace kaiyuan::vuln {

namespace {

/// An affected row of the database, read and prepared once per run however many components
/// it concerns.
struct PreparedRow {
    /// The entries could not be read, or ranges could not be compared (no comparator for the
    /// ecosystem): matches that only versions[] could decide are reported as undecided.
    std::string error;
    std::vector<std::pair<std::string, PreparedAffected>> entries; ///< package name, entry
};

PreparedRow prepare_row(AdvisoryIndex& db, const AffectedHit& hit) {
    PreparedRow row;
    auto text = db.affected_entries(hit.row);
    if (!text) {
        row.error = text.error().message;
        return row;
    }
    auto entries = read_affected_json(*text);
    if (!entries) {
        row.error = "stored entries unreadable: " + entries.error().message;
        return row;
    }
    auto scheme = version::scheme_for(hit.ecosystem);
    for (const Affected& af : *entries) {
        if (scheme) {
            row.entries.emplace_back(af.name, prepare(af, *scheme));
            continue;
        }
        // Without a comparator only the enumerated versions decide.
        Affected versions_only = af;
        versions_only.ranges.clear();
        row.entries.emplace_back(af.name, prepare(versions_only, version::Scheme::semver));
        bool ranged = std::any_of(af.ranges.begin(), af.ranges.end(),
                                  [](const AffectedRange& r) { return r.type != "GIT"; });
        if (ranged) row.error = scheme.error().message;
    }
    return row;
}

/// The advisory database's ecosystems, asked once per run.
class Coverage {
public:
    explicit Coverage(std::vector<std::string> stored) : m_stored(std::move(stored)) {}
    /// Whether any stored ecosystem applies to `key` (its base, and its release when it has one).
    bool covers(const PackageKey& key) const {
        return std::any_of(m_stored.begin(), m_stored.end(),
                           [&](const std::string& s) { return ecosystem_applies(s, key); });
    }

private:
    std::vector<std::string> m_stored;
};

/// "Debian:12", "npm": how a report names the ecosystem a key needs.
std::string ecosystem_label(const PackageKey& key) {
    if (key.ecosystem == k_git_ecosystem) return "GIT (commits)";
    return key.release.empty() ? key.ecosystem : key.ecosystem + ":" + key.release;
}

/// An advisory that states no severity takes that of a record it aliases, when the database
/// holds one (a GO- record and the GHSA- record of the same issue: OSV exports carry both).
void inherit_alias_severity(AdvisoryIndex& db, Advisory& adv) {
    if (!adv.severity.empty() || !adv.stated_severity.empty()) return;
    for (const auto& alias : adv.aliases) {
        auto other = db.advisory_header(alias);
        if (!other || other->id == adv.id) continue;
        if (other->severity.empty() && other->stated_severity.empty()) continue;
        adv.severity = other->severity;
        adv.stated_severity = other->stated_severity;
        adv.severity_from = other->id;
        return;
    }
}

} // namespace

struct KeyMatcher::Caches {
    std::unordered_map<std::int64_t, PreparedRow> rows;
    // Many components share a package (versions of one package in a fleet, binary packages of
    // one source): their database rows are looked up once.
    std::unordered_map<std::string, std::vector<AffectedHit>> lookups;
    std::map<std::string, std::shared_ptr<const Advisory>, std::less<>> headers;
};

KeyMatcher::KeyMatcher(AdvisoryIndex& db, CommitHistory* history) : m_db(db), m_history(history) {}
KeyMatcher::~KeyMatcher() = default;

Result<void> KeyMatcher::match(std::size_t i, const std::vector<PackageKey>& keys,
                               std::string_view label, MatchResult& out) {
    if (!m_caches) m_caches = std::make_unique<Caches>();
    auto& rows = m_caches->rows;
    auto& lookups = m_caches->lookups;
    auto& headers = m_caches->headers;
    AdvisoryIndex& db = m_db;
    CommitHistory* history = m_history;
    std::size_t first_undecided = out.undecided.size(); // this component's undecided
    std::size_t first_finding = out.findings.size();
    std::vector<std::string_view> matched; // one finding per advisory and component
    for (const PackageKey& key : keys) {
        std::string cache_key = key.ecosystem + '\n' + key.name;
        auto cached = lookups.find(cache_key);
        if (cached == lookups.end()) {
            auto hits = db.lookup(key.ecosystem, key.name);
            if (!hits) return unexpected(hits.error());
            cached = lookups.emplace(std::move(cache_key), std::move(*hits)).first;
        }
        for (const AffectedHit& hit : cached->second) {
            if (!ecosystem_applies(hit.ecosystem, key)) continue;
            auto it = rows.find(hit.row);
            if (it == rows.end()) it = rows.emplace(hit.row, prepare_row(db, hit)).first;
            const PreparedRow& row = it->second;
            std::optional<Evaluation> found;
            std::string undecided = row.error;
            for (const auto& [name, entry] : row.entries) {
                Evaluation e = key.ecosystem == k_git_ecosystem
                                   ? evaluate_commit(entry, key.name, key.version, history)
                                   : evaluate(entry, key.version);
                if (e.verdict == Evaluation::Verdict::affected) {
                    found = std::move(e);
                    break;
                }
                if (e.verdict == Evaluation::Verdict::unknown) undecided = e.why;
            }
            // One finding per advisory: a package matched under its source and its binary
            // name, or under two releases, is reported once. Checked after evaluation, as
            // a component has few findings but may have hundreds of candidate rows.
            auto already_matched = [&] {
                return std::find(matched.begin(), matched.end(), hit.advisory_id) != matched.end();
            };
            if (found && already_matched()) continue;
            if (!found) {
                bool listed = std::any_of(
                    out.undecided.begin() + static_cast<std::ptrdiff_t>(first_undecided),
                    out.undecided.end(),
                    [&](const Undecided& u) { return u.advisory == hit.advisory_id; });
                if (!undecided.empty() && !already_matched() && !listed)
                    out.undecided.push_back({i, hit.advisory_id, undecided});
                continue;
            }
            auto h = headers.find(hit.advisory_id);
            if (h == headers.end()) {
                auto adv = db.advisory_header(hit.advisory_id);
                if (!adv) return unexpected(adv.error());
                inherit_alias_severity(db, *adv);
                h = headers
                        .emplace(hit.advisory_id, std::make_shared<const Advisory>(std::move(*adv)))
                        .first;
            }
            matched.push_back(hit.advisory_id);
            Finding f;
            f.component = i;
            f.advisory = h->second;
            f.ecosystem = hit.ecosystem;
            f.package = row.entries.empty() || row.entries.front().first.empty()
                            ? key.name
                            : row.entries.front().first;
            f.version = key.version;
            f.fixed = std::move(found->fixed);
            out.findings.push_back(std::move(f));
        }
    }
    // A match decided under another key (the binary package) is no longer undecided.
    auto decided = [&](const Undecided& u) {
        return std::any_of(out.findings.begin() + static_cast<std::ptrdiff_t>(first_finding),
                           out.findings.end(),
                           [&](const Finding& f) { return f.advisory->id == u.advisory; });
    };
    auto mine = out.undecided.begin() + static_cast<std::ptrdiff_t>(first_undecided);
    out.undecided.erase(std::remove_if(mine, out.undecided.end(), decided), out.undecided.end());
    for (auto u = out.undecided.begin() + static_cast<std::ptrdiff_t>(first_undecided);
         u != out.undecided.end(); ++u)
        out.diagnostics.push_back({model::Severity::warning,
                                   {std::string(label), {}, 0},
                                   u->advisory + " not decided: " + u->reason});
    // Findings are made component by component: order each component's by advisory id.
    std::sort(out.findings.begin() + static_cast<std::ptrdiff_t>(first_finding), out.findings.end(),
              [](const Finding& a, const Finding& b) { return a.advisory->id < b.advisory->id; });
    return {};
}

Result<MatchResult> match(const model::Sbom& sbom, AdvisoryIndex& db, const MatchOptions& options) {
    MatchResult out;
    struct Reading {
        AdvisoryIndex& db;
        explicit Reading(AdvisoryIndex& d) : db(d) { db.begin_reading(); }
        ~Reading() { db.end_reading(); }
    } reading(db);
    auto stored = db.covered_ecosystems();
    if (!stored) return unexpected(stored.error());
    Coverage coverage(std::move(*stored));
    KeyMatcher matcher(db, options.history);
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const model::Component& c = sbom.components[i];
        if (!options.os_owned_as_language && c.properties.count(model::k_owned_by_property)) {
            ++out.components_owned_by_os;
            continue;
        }
        auto keys = package_keys(c, sbom.metadata.distro);
        if (keys.empty()) {
            ++out.components_without_ecosystem;
            continue;
        }
        if (std::none_of(keys.begin(), keys.end(),
                         [&](const PackageKey& k) { return coverage.covers(k); })) {
            ++out.components_unchecked;
            ++out.unchecked_ecosystems[ecosystem_label(keys.front())];
            continue;
        }
        ++out.components_checked;
        if (auto r = matcher.match(i, keys, c.purl.empty() ? c.name : c.purl, out); !r)
            return unexpected(r.error());
    }
    return out;
}

} // namespace kaiyuan::vuln
