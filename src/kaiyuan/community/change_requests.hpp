#pragma once
/// What issues and change requests say of a community (docs/cli.md, "community --events"), as
/// CHAOSS defines it, and OpenDigger's activity of each participant.
///
/// - Change requests opened, accepted (merged) and declined (closed unmerged) in the window,
///   the latter two by their closing time; the acceptance ratio is accepted / (accepted +
///   declined) (CHAOSS "Change Request Acceptance Ratio").
/// - Time to merge: from opening to merge, of those merged in the window (median, hours).
/// - Time to first response (CHAOSS "Time to First Response"): from opening to the first comment
///   or review by someone other than the author, bots left out, of the issues and change
///   requests opened in the window (median, hours), those still unanswered counted apart.
/// - Reviews per change request closed in the window (CHAOSS "Change Request Reviews").
/// - Issues opened and closed, and the median days to close one (CHAOSS "Issue Resolution
///   Duration").
/// - Activity as OpenDigger computes it, per participant and month: sqrt(0.5252 issue comments +
///   2.2235 issues opened + 4.0679 change requests opened + 0.7427 review comments + 2.0339
///   change requests merged, credited to their author), summed over the months of the window;
///   the community's activity is the sum over people (bots apart).
#include "kaiyuan/community/events.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kaiyuan::community {

struct Participant {
    std::string login;
    bool bot = false;
    std::uint64_t issue_comments = 0, issues_opened = 0, change_requests_opened = 0,
                  review_comments = 0, change_requests_merged = 0, reviews = 0;
    double activity = 0;
};

struct ChangeRequestMetrics {
    std::uint64_t change_requests = 0, accepted = 0, declined = 0;
    double acceptance_ratio = -1; ///< -1: none closed
    double median_hours_to_merge = -1;
    double median_hours_to_first_response = -1; ///< change requests
    std::uint64_t unanswered_change_requests = 0;
    double mean_reviews = -1, median_reviews = -1;
    std::uint64_t issues = 0, issues_closed = 0;
    double median_hours_to_first_response_issues = -1;
    std::uint64_t unanswered_issues = 0;
    double median_days_to_close_issues = -1;
    double activity = 0;                   ///< people's, bots apart
    std::vector<Participant> participants; ///< most active first
};

/// The metrics over [since, until) (0: open ends).
ChangeRequestMetrics change_request_metrics(const Events& events, std::int64_t since,
                                            std::int64_t until);

/// The GitHub login an email names: "123+login@users.noreply.github.com" or
/// "login@users.noreply.github.com"; "" otherwise.
std::string github_login_of_email(std::string_view email);

} // namespace kaiyuan::community
