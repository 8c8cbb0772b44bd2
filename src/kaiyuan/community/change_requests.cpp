#include "kaiyuan/community/change_requests.hpp"

#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace kaiyuan::community {

namespace {

// OpenDigger's weights (open-digger src/metrics/indices.ts, basicActivitySqlComponent).
constexpr double issue_comment_weight = 0.5252;
constexpr double open_issue_weight = 2.2235;
constexpr double open_pull_weight = 4.0679;
constexpr double review_comment_weight = 0.7427;
constexpr double pull_merged_weight = 2.0339;

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The month of a time: year * 12 + month, in UTC.
std::int64_t month_of(std::int64_t t) {
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    // Civil from days (Howard Hinnant's algorithm), only the year and month.
    days += 719468;
    std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    auto doe = static_cast<unsigned>(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    return y * 12 + m;
}

} // namespace

std::string github_login_of_email(std::string_view email) {
    constexpr std::string_view domain = "@users.noreply.github.com";
    std::string lower = util::to_lower(email);
    if (lower.size() <= domain.size() || !std::string_view(lower).ends_with(domain)) return {};
    std::string_view local(email.data(), email.size() - domain.size());
    if (auto plus = local.find('+'); plus != std::string_view::npos) local.remove_prefix(plus + 1);
    return std::string(local);
}

ChangeRequestMetrics change_request_metrics(const Events& events, std::int64_t since,
                                            std::int64_t until) {
    auto in_window = [&](std::int64_t t) {
        return t > 0 && (!since || t >= since) && (!until || t < until);
    };
    ChangeRequestMetrics m;
    std::map<std::string, std::size_t> thread_of;
    for (std::size_t i = 0; i < events.threads.size(); ++i)
        thread_of[events.threads[i].key] = i;
    // Responses per thread, in time order.
    std::vector<std::vector<const Response*>> answers(events.threads.size());
    for (const auto& r : events.responses)
        if (auto it = thread_of.find(r.thread); it != thread_of.end())
            answers[it->second].push_back(&r);
    for (auto& a : answers)
        std::sort(a.begin(), a.end(),
                  [](const Response* x, const Response* y) { return x->time < y->time; });

    // Per participant and month: the counts OpenDigger weighs.
    std::map<std::string, Participant> people;
    std::map<std::pair<std::string, std::int64_t>, Participant> monthly;
    auto count = [&](const std::string& login, bool bot, std::int64_t t,
                     std::uint64_t Participant::*what) {
        Participant& p = people[login];
        p.login = login;
        p.bot = p.bot || bot;
        ++(p.*what);
        ++(monthly[{login, month_of(t)}].*what);
    };

    std::vector<double> to_merge, cr_response, issue_response, issue_close, reviews;
    for (std::size_t i = 0; i < events.threads.size(); ++i) {
        const Thread& t = events.threads[i];
        if (in_window(t.created)) {
            (t.change_request ? m.change_requests : m.issues) += 1;
            count(t.author, t.author_is_bot, t.created,
                  t.change_request ? &Participant::change_requests_opened
                                   : &Participant::issues_opened);
            const Response* first = nullptr;
            for (const Response* r : answers[i])
                if (r->author != t.author && !r->author_is_bot && r->time >= t.created) {
                    first = r;
                    break;
                }
            auto& medians = t.change_request ? cr_response : issue_response;
            if (first)
                medians.push_back(static_cast<double>(first->time - t.created) / 3600);
            else
                (t.change_request ? m.unanswered_change_requests : m.unanswered_issues) += 1;
        }
        if (t.change_request && in_window(t.merged)) {
            ++m.accepted;
            to_merge.push_back(static_cast<double>(t.merged - t.created) / 3600);
            count(t.author, t.author_is_bot, t.merged, &Participant::change_requests_merged);
        } else if (t.change_request && !t.merged && in_window(t.closed)) {
            ++m.declined;
        }
        if (t.change_request && in_window(t.closed))
            reviews.push_back(static_cast<double>(
                std::count_if(answers[i].begin(), answers[i].end(), [](const Response* r) {
                    return r->kind == Response::Kind::review;
                })));
        if (!t.change_request && in_window(t.closed)) {
            ++m.issues_closed;
            issue_close.push_back(static_cast<double>(t.closed - t.created) / 86400);
        }
    }
    for (const auto& r : events.responses) {
        if (!in_window(r.time)) continue;
        count(r.author, r.author_is_bot, r.time,
              r.kind == Response::Kind::comment  ? &Participant::issue_comments
              : r.kind == Response::Kind::review ? &Participant::reviews
                                                 : &Participant::review_comments);
    }
    for (const auto& [key, c] : monthly) {
        double a = std::sqrt(issue_comment_weight * static_cast<double>(c.issue_comments) +
                             open_issue_weight * static_cast<double>(c.issues_opened) +
                             open_pull_weight * static_cast<double>(c.change_requests_opened) +
                             review_comment_weight * static_cast<double>(c.review_comments) +
                             pull_merged_weight * static_cast<double>(c.change_requests_merged));
        Participant& p = people[key.first];
        p.activity += a;
        if (!p.bot) m.activity += a;
    }
    if (m.accepted + m.declined)
        m.acceptance_ratio =
            static_cast<double>(m.accepted) / static_cast<double>(m.accepted + m.declined);
    m.median_hours_to_merge = median(to_merge);
    m.median_hours_to_first_response = median(cr_response);
    m.median_hours_to_first_response_issues = median(issue_response);
    m.median_days_to_close_issues = median(issue_close);
    if (!reviews.empty()) {
        double sum = 0;
        for (double r : reviews)
            sum += r;
        m.mean_reviews = sum / static_cast<double>(reviews.size());
        m.median_reviews = median(reviews);
    }
    for (auto& [login, p] : people)
        m.participants.push_back(std::move(p));
    std::stable_sort(
        m.participants.begin(), m.participants.end(),
        [](const Participant& a, const Participant& b) { return a.activity > b.activity; });
    return m;
}

} // namespace kaiyuan::community
