#include "kaiyuan/community/metrics.hpp"

#include <algorithm>
#include <ctime>
#include <set>

namespace kaiyuan::community {

Result<Period> parse_period(std::string_view name) {
    if (name == "month") return Period::month;
    if (name == "quarter") return Period::quarter;
    if (name == "year") return Period::year;
    return fail("unknown period '" + std::string(name) + "' (month, quarter, year)");
}

std::string period_of(std::int64_t time, Period period) {
    std::time_t t = static_cast<std::time_t>(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::string year = std::to_string(tm.tm_year + 1900);
    if (period == Period::year) return year;
    if (period == Period::quarter) return year + "-Q" + std::to_string(tm.tm_mon / 3 + 1);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s-%02d", year.c_str(), tm.tm_mon + 1);
    return buf;
}

namespace {

/// The periods from `first` to `last`, gaps included.
std::vector<std::string> periods_between(std::int64_t first, std::int64_t last, Period period) {
    std::vector<std::string> out;
    std::time_t t = static_cast<std::time_t>(first);
    std::tm tm{};
    gmtime_r(&t, &tm);
    int year = tm.tm_year + 1900, month = tm.tm_mon; // month 0-11
    std::string end = period_of(last, period);
    for (int guard = 0; guard < 100000; ++guard) {
        std::tm at{};
        at.tm_year = year - 1900;
        at.tm_mon = month;
        at.tm_mday = 15;
        std::string key = period_of(static_cast<std::int64_t>(timegm(&at)), period);
        if (out.empty() || out.back() != key) out.push_back(key);
        if (key == end) break;
        month += period == Period::month ? 1 : period == Period::quarter ? 3 : 12;
        year += month / 12;
        month %= 12;
    }
    return out;
}

struct Tally {
    PeriodMetrics m;
    std::map<std::size_t, std::uint64_t> commits_of; ///< person -> commits (people only)
};

void finish(Tally& t) {
    std::vector<std::uint64_t> per_person, per_org;
    for (const auto& [p, n] : t.commits_of)
        per_person.push_back(n);
    for (const auto& [org, n] : t.m.organizations)
        if (org != k_unaffiliated) per_org.push_back(n);
    t.m.active = t.commits_of.size();
    t.m.contributor_absence_factor = smallest_majority(per_person);
    t.m.elephant_factor = smallest_majority(per_org);
}

} // namespace

Metrics compute_metrics(const std::vector<const History*>& histories, const People& people,
                        Period period) {
    Metrics out;
    out.roles.resize(people.contributors.size());
    std::map<std::string, Tally> tallies;
    Tally whole;
    std::int64_t first = 0, last = 0;
    std::map<std::size_t, std::pair<std::int64_t, std::int64_t>> first_commit; ///< author, commit
    for (std::size_t r = 0; r < histories.size(); ++r) {
        const History& h = *histories[r];
        for (std::size_t i = 0; i < h.commits.size(); ++i) {
            const Commit& c = h.commits[i];
            std::size_t who = people.of_commit[r][i];
            bool bot = people.contributors[who].bot;
            const std::string& org = people.organization_of_commit[r][i];
            // A commit without a readable date (both of them) counts for the whole window only.
            bool dated = c.time > 0;
            if (dated && (first == 0 || c.time < first)) first = c.time;
            if (c.time > last) last = c.time;
            Tally* in[2] = {&whole, dated ? &tallies[period_of(c.time, period)] : nullptr};
            for (Tally* t : in) {
                if (!t) continue;
                ++t->m.commits;
                t->m.lines_added += c.added;
                t->m.lines_removed += c.removed;
                if (bot) continue;
                ++t->commits_of[who];
                ++t->m.organizations[org];
            }
            if (bot || !dated) continue;
            if (auto [it, added] = first_commit.try_emplace(who, c.time, c.commit_time);
                !added && c.time < it->second.first)
                it->second = {c.time, c.commit_time};
            std::time_t utc = static_cast<std::time_t>(c.time);
            std::time_t local = static_cast<std::time_t>(c.time + std::int64_t{c.offset} * 60);
            std::tm tu{}, tl{};
            gmtime_r(&utc, &tu);
            gmtime_r(&local, &tl);
            ++out.activity_utc[tu.tm_wday][tu.tm_hour];
            ++out.activity_local[tl.tm_wday][tl.tm_hour];
        }
    }
    // Newcomers' first commits: how long each waited to land, by the period it was written in.
    std::map<std::string, std::vector<double>> waits;
    for (const auto& [who, times] : first_commit) {
        double days =
            static_cast<double>(std::max<std::int64_t>(0, times.second - times.first)) / 86400;
        waits[""].push_back(days);
        waits[period_of(times.first, period)].push_back(days);
    }
    auto median_wait = [&](const std::string& key) {
        auto it = waits.find(key);
        if (it == waits.end()) return -1.0;
        auto& v = it->second;
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    for (auto& [key, t] : tallies)
        t.m.time_to_first_contribution_days = median_wait(key);
    whole.m.time_to_first_contribution_days = median_wait("");
    finish(whole);
    out.whole = whole.m;
    if (first == 0) return out;
    // Periods in order; new, inactive and retention need the one before.
    std::set<std::size_t> seen, previous;
    bool has_previous = false;
    for (const auto& key : periods_between(first, last, period)) {
        Tally& t = tallies[key];
        finish(t);
        t.m.period = key;
        std::set<std::size_t> now;
        for (const auto& [p, n] : t.commits_of)
            now.insert(p);
        for (std::size_t p : now)
            if (!seen.count(p)) ++t.m.new_contributors;
        std::size_t stayed = 0;
        for (std::size_t p : previous)
            if (now.count(p))
                ++stayed;
            else
                ++t.m.inactive;
        if (has_previous && !previous.empty())
            t.m.retention = static_cast<double>(stayed) / static_cast<double>(previous.size());
        // Roles: core holds half of the period's commits, regular up to 80%, casual the rest.
        std::vector<std::pair<std::uint64_t, std::size_t>> ranked;
        for (const auto& [p, n] : t.commits_of)
            ranked.emplace_back(n, p);
        std::sort(ranked.begin(), ranked.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        std::uint64_t total = 0, held = 0;
        for (const auto& [n, p] : ranked)
            total += n;
        for (const auto& [n, p] : ranked) {
            // Whoever is still needed to reach half (or 80%) of the commits, counting from the
            // most active down.
            bool core = 2 * held < total, regular = !core && 10 * held < 8 * total;
            ++(core ? t.m.core : regular ? t.m.regular : t.m.casual);
            const char* role = core ? "core" : regular ? "regular" : "casual";
            out.roles[p][key] = role;
            held += n;
        }
        seen.insert(now.begin(), now.end());
        previous = std::move(now);
        has_previous = true;
        out.periods.push_back(t.m);
    }
    // Ownership of each directory (two levels deep), people only.
    std::map<std::string, std::map<std::size_t, std::uint64_t>> dirs;
    for (std::size_t r = 0; r < histories.size(); ++r)
        for (const auto& [dir, authors] : histories[r]->lines.by_directory) {
            if (dir == ".") continue;
            for (const auto& [author, lines] : authors) {
                auto it = people.of_author[r].find(author);
                if (it == people.of_author[r].end() || people.contributors[it->second].bot)
                    continue;
                dirs[dir][it->second] += lines;
            }
        }
    for (auto& [dir, owners_of] : dirs) {
        Ownership o{dir, 0, {}};
        std::vector<std::pair<std::size_t, std::uint64_t>> owners(owners_of.begin(),
                                                                  owners_of.end());
        for (const auto& [who, lines] : owners)
            o.lines += lines;
        std::sort(owners.begin(), owners.end(),
                  [](const auto& a, const auto& b) { return a.second > b.second; });
        owners.resize(std::min<std::size_t>(owners.size(), 3));
        o.top = std::move(owners);
        out.ownership.push_back(std::move(o));
    }
    std::sort(out.ownership.begin(), out.ownership.end(),
              [](const Ownership& a, const Ownership& b) { return a.lines > b.lines; });
    for (const auto* h : histories)
        for (const auto& tag : h->tags)
            if (tag.time >= first && tag.time <= last) out.releases.push_back(tag);
    std::sort(out.releases.begin(), out.releases.end(),
              [](const Tag& a, const Tag& b) { return a.time < b.time; });
    if (out.releases.size() >= 2) {
        std::vector<double> gaps;
        for (std::size_t i = 1; i < out.releases.size(); ++i)
            gaps.push_back(static_cast<double>(out.releases[i].time - out.releases[i - 1].time) /
                           86400.0);
        std::sort(gaps.begin(), gaps.end());
        std::size_t n = gaps.size();
        out.median_days_between_releases =
            n % 2 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
    }
    return out;
}

} // namespace kaiyuan::community
