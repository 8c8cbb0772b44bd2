#pragma once
/// What `kaiyuan review` and `kaiyuan sbom diff` write: a table for a terminal, JSON
/// (docs/json-format.md, "Review"), a Markdown pull-request comment, SARIF 2.1.0 pointing at
/// the lockfile lines, and GitHub workflow commands.
#include "kaiyuan/review/review.hpp"

#include <string>

namespace kaiyuan::review {

enum class ReviewFormat { table, json, markdown, sarif, github };

/// "table", "json", "markdown" (or "md"), "sarif", "github".
Result<ReviewFormat> parse_review_format(std::string_view name);

struct ReviewReport {
    const model::Sbom& base;
    const model::Sbom& head;
    const ReviewResult& result;
    bool judged = true;    ///< a review (policy, vulnerabilities) rather than a plain diff
    std::size_t width = 0; ///< table width; 0: the terminal's
};

std::string write_review(const ReviewReport& report, ReviewFormat format);

// One writer per format (report_*.cpp).
std::string write_review_table(const ReviewReport& report);
std::string write_review_json(const ReviewReport& report);
std::string write_review_markdown(const ReviewReport& report);
std::string write_review_sarif(const ReviewReport& report);
std::string write_review_github(const ReviewReport& report);

/// "1.2.3 → 1.3.0 (upgraded)" and the like: one change in words.
std::string describe_change(const Change& change);
/// The name as tables show it: a source package says so ("zlib (source)").
std::string display_name(const Entry& entry);
/// "name@version".
std::string label_of(const Entry& entry);
/// The one-line verdict: "fail: 2 violations", "pass", "pass with 1 warning".
std::string verdict_of(const ReviewResult& result);

} // namespace kaiyuan::review
