#include "kaiyuan/vuln/affected.hpp"

#include "kaiyuan/vuln/package_key.hpp"

#include <algorithm>

namespace kaiyuan::vuln {

namespace {

bool introduced_zero(const RangeEvent& e) {
    return e.kind == RangeEvent::Kind::introduced && e.version == "0";
}

/// One range walked in version order.
Evaluation evaluate_range(const PreparedAffected::Range& range, std::string_view v) {
    Evaluation out;
    if (!range.sort_error.empty()) {
        out.verdict = Evaluation::Verdict::unknown;
        out.why = range.sort_error;
        return out;
    }
    bool affected = false, limited = false;
    for (const RangeEvent& e : range.events) {
        if (introduced_zero(e)) {
            affected = true;
            continue;
        }
        auto c = version::compare(range.scheme, v, e.version);
        if (!c) {
            out.verdict = Evaluation::Verdict::unknown;
            out.why = c.error().message;
            return out;
        }
        switch (e.kind) {
        case RangeEvent::Kind::introduced:
            if (*c >= 0) affected = true;
            break;
        case RangeEvent::Kind::fixed:
            if (*c >= 0) affected = false;
            break;
        case RangeEvent::Kind::last_affected:
            if (*c > 0) affected = false;
            break;
        case RangeEvent::Kind::limit:
            if (*c >= 0) limited = true;
            break;
        }
    }
    out.verdict =
        affected && !limited ? Evaluation::Verdict::affected : Evaluation::Verdict::not_affected;
    return out;
}

/// One GIT range for one commit; nullopt inside `contains` answers "history not known".
Evaluation evaluate_git_range(const AffectedRange& range, std::string_view commit,
                              CommitHistory* history) {
    auto contains = [&](std::string_view c, std::string_view ancestor) -> std::optional<bool> {
        if (c == ancestor) return true;
        if (!history) return std::nullopt;
        return history->contains(c, ancestor);
    };
    Evaluation out;
    bool open = false, closed = false, unknown = false, limited = false, within_limit = false;
    for (const RangeEvent& e : range.events) {
        std::optional<bool> r;
        switch (e.kind) {
        case RangeEvent::Kind::introduced:
            r = e.version == "0" ? std::optional<bool>(true) : contains(commit, e.version);
            if (r && *r) open = true;
            break;
        case RangeEvent::Kind::fixed:
            out.fixed.push_back(e.version);
            r = contains(commit, e.version);
            if (r && *r) closed = true;
            break;
        case RangeEvent::Kind::last_affected:
            // Affected up to and including it: closed for its descendants only.
            r = commit == e.version ? std::optional<bool>(false) : contains(commit, e.version);
            if (r && *r) closed = true;
            break;
        case RangeEvent::Kind::limit:
            limited = true;
            r = contains(e.version, commit);
            if (r && *r) within_limit = true;
            break;
        }
        if (!r) unknown = true;
    }
    if (closed || (!open && !unknown) || (limited && !within_limit && !unknown)) return out;
    // The commit that introduced the bug or was last affected is affected by definition: a fix
    // cannot be in its history on the line the record describes.
    bool named = std::any_of(range.events.begin(), range.events.end(), [&](const RangeEvent& e) {
        return e.version == commit && (e.kind == RangeEvent::Kind::introduced ||
                                       e.kind == RangeEvent::Kind::last_affected);
    });
    if (unknown && !named) {
        out.verdict = Evaluation::Verdict::unknown;
        out.why = "GIT range of " + range.repo + " needs the history of commit " +
                  std::string(commit) + ", which no scanned repository holds";
        out.fixed.clear();
        return out;
    }
    out.verdict = Evaluation::Verdict::affected;
    return out;
}

} // namespace

Evaluation evaluate_commit(const PreparedAffected& affected, std::string_view repository,
                           std::string_view commit, CommitHistory* history) {
    Evaluation out;
    for (const AffectedRange& r : affected.git) {
        if (normalize_repository_url(r.repo) != repository) continue;
        Evaluation e = evaluate_git_range(r, commit, history);
        if (e.verdict == Evaluation::Verdict::affected) return e;
        if (e.verdict == Evaluation::Verdict::unknown) out = e;
    }
    return out;
}

PreparedAffected prepare(const Affected& affected, version::Scheme scheme) {
    PreparedAffected p;
    p.versions = affected.versions;
    std::sort(p.versions.begin(), p.versions.end());
    for (const auto& r : affected.ranges) {
        if (r.type == "GIT") {
            p.git.push_back(r);
            continue;
        }
        PreparedAffected::Range range;
        range.scheme = r.type == "SEMVER" ? version::Scheme::semver : scheme;
        range.events = r.events;
        // Events in version order; "0" (introduced at the beginning) below everything.
        std::stable_sort(range.events.begin(), range.events.end(),
                         [&](const RangeEvent& a, const RangeEvent& b) {
                             if (introduced_zero(a) || introduced_zero(b))
                                 return introduced_zero(a) && !introduced_zero(b);
                             auto c = version::compare(range.scheme, a.version, b.version);
                             if (!c) {
                                 if (range.sort_error.empty()) range.sort_error = c.error().message;
                                 return false;
                             }
                             return *c < 0;
                         });
        for (const auto& e : r.events)
            if (e.kind == RangeEvent::Kind::fixed) p.fixed.push_back(e.version);
        p.ranges.push_back(std::move(range));
    }
    return p;
}

Evaluation evaluate(const PreparedAffected& affected, std::string_view version) {
    Evaluation out;
    if (std::binary_search(affected.versions.begin(), affected.versions.end(), version)) {
        out.verdict = Evaluation::Verdict::affected;
        out.fixed = affected.fixed;
        return out;
    }
    for (const auto& r : affected.ranges) {
        Evaluation e = evaluate_range(r, version);
        if (e.verdict == Evaluation::Verdict::affected) {
            out.verdict = e.verdict;
            out.fixed = affected.fixed;
            return out;
        }
        if (e.verdict == Evaluation::Verdict::unknown) out = e;
    }
    return out;
}

Evaluation evaluate(const Affected& affected, std::string_view version, version::Scheme scheme) {
    return evaluate(prepare(affected, scheme), version);
}

} // namespace kaiyuan::vuln
