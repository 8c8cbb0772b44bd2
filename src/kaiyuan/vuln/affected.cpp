#include "kaiyuan/vuln/affected.hpp"

#include <algorithm>

namespace kaiyuan::vuln {

namespace {

/// One range walked in version order. Returns affected or not; unknown when a comparison fails.
Evaluation evaluate_range(const AffectedRange& range, std::string_view v, version::Scheme scheme) {
    Evaluation out;
    auto cmp = [&](std::string_view a, std::string_view b) {
        return version::compare(scheme, a, b);
    };
    // Order the events by version; "0" (introduced at the beginning) is below everything.
    struct Ev {
        const RangeEvent* e;
    };
    std::vector<Ev> events;
    for (const auto& e : range.events)
        events.push_back({&e});
    std::string failure;
    auto less = [&](const Ev& a, const Ev& b) {
        bool a0 = a.e->kind == RangeEvent::Kind::introduced && a.e->version == "0";
        bool b0 = b.e->kind == RangeEvent::Kind::introduced && b.e->version == "0";
        if (a0 || b0) return a0 && !b0;
        auto c = cmp(a.e->version, b.e->version);
        if (!c) {
            if (failure.empty()) failure = c.error().message;
            return false;
        }
        return *c < 0;
    };
    std::stable_sort(events.begin(), events.end(), less);
    bool affected = false;
    bool limited = false;
    for (const Ev& ev : events) {
        const RangeEvent& e = *ev.e;
        if (e.kind == RangeEvent::Kind::introduced && e.version == "0") {
            affected = true;
            continue;
        }
        auto c = cmp(v, e.version);
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
    if (!failure.empty()) {
        out.verdict = Evaluation::Verdict::unknown;
        out.why = failure;
        return out;
    }
    out.verdict =
        affected && !limited ? Evaluation::Verdict::affected : Evaluation::Verdict::not_affected;
    for (const auto& e : range.events)
        if (e.kind == RangeEvent::Kind::fixed) out.fixed.push_back(e.version);
    return out;
}

} // namespace

Evaluation evaluate(const Affected& affected, std::string_view version, version::Scheme scheme) {
    Evaluation out;
    std::vector<std::string> fixed;
    for (const auto& r : affected.ranges)
        for (const auto& e : r.events)
            if (e.kind == RangeEvent::Kind::fixed && r.type != "GIT") fixed.push_back(e.version);
    if (std::find(affected.versions.begin(), affected.versions.end(), version) !=
        affected.versions.end()) {
        out.verdict = Evaluation::Verdict::affected;
        out.fixed = std::move(fixed);
        return out;
    }
    for (const auto& r : affected.ranges) {
        if (r.type == "GIT") continue;
        version::Scheme s = r.type == "SEMVER" ? version::Scheme::semver : scheme;
        Evaluation e = evaluate_range(r, version, s);
        if (e.verdict == Evaluation::Verdict::affected) {
            out.verdict = e.verdict;
            out.fixed = std::move(fixed);
            return out;
        }
        if (e.verdict == Evaluation::Verdict::unknown) out = e;
    }
    return out;
}

} // namespace kaiyuan::vuln
