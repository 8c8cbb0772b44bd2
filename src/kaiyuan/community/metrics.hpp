#pragma once
/// CHAOSS metrics from git history (https://chaoss.community/kb-metrics-and-metrics-models/),
/// per period and for the whole window, as docs/cli.md ("community") defines each:
///   Code Changes Commits / Lines, Contributors (active), New Contributors, Inactive
///   Contributors, Contributor Absence Factor, Elephant Factor, Organizational Diversity,
///   Activity Dates and Times, retention (the share of one period's contributors still active
///   in the next), file ownership by directory, release cadence from tags, and the OSS Compass
///   roles (core: the smallest set holding half of a period's commits; regular: up to 80%;
///   casual: the rest), and newcomers' time to first contribution (their first commit's wait
///   from author time to commit time).
#include "kaiyuan/community/contributors.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace kaiyuan::community {

enum class Period { month, quarter, year };
Result<Period> parse_period(std::string_view name);
/// "2024-03", "2024-Q1" or "2024" for a UTC time.
std::string period_of(std::int64_t time, Period period);

struct PeriodMetrics {
    std::string period; ///< "" for the whole window
    std::uint64_t commits = 0, lines_added = 0, lines_removed = 0;
    std::size_t active = 0, new_contributors = 0, inactive = 0; ///< people; bots apart
    double retention = -1;                                      ///< -1: no previous period
    std::size_t contributor_absence_factor = 0, elephant_factor = 0;
    std::map<std::string, std::uint64_t> organizations; ///< commits per organisation
    std::size_t core = 0, regular = 0, casual = 0;
    /// Time to first contribution: of the newcomers, how long the first commit waited from
    /// being written (author time) to landing (commit time); median, days. -1: no newcomer.
    double time_to_first_contribution_days = -1;
};

struct Ownership {
    std::string directory;
    std::uint64_t lines = 0;                                ///< changed in it
    std::vector<std::pair<std::size_t, std::uint64_t>> top; ///< contributor, lines; at most 3
};

struct Metrics {
    PeriodMetrics whole;
    std::vector<PeriodMetrics> periods; ///< in time order, gaps included
    /// Commits by weekday (0 = Sunday) and hour, in UTC and in the authors' own time zones.
    std::array<std::array<std::uint64_t, 24>, 7> activity_utc{}, activity_local{};
    std::vector<Ownership> ownership; ///< directories by lines changed, most first
    std::vector<Tag> releases;        ///< tags in the window
    double median_days_between_releases = -1;
    /// Per contributor (index into People::contributors): their role in each period they were
    /// active in.
    std::vector<std::map<std::string, std::string>> roles;
};

Metrics compute_metrics(const std::vector<const History*>& histories, const People& people,
                        Period period);

} // namespace kaiyuan::community
