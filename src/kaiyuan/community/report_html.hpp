#pragma once
/// The community report as one self-contained HTML file a person opens from disk: no scripts,
/// no fonts or styles from anywhere else; charts drawn as inline SVG (contributors and commits
/// per period, the share of each organisation, the weekly activity heat map), then the
/// contributors table.
#include "kaiyuan/community/change_requests.hpp"
#include "kaiyuan/community/metrics.hpp"

#include <string>

namespace kaiyuan::community {

struct HtmlReport {
    std::string title; ///< the repositories, as the user named them
    const People& people;
    const Metrics& metrics;
    const ChangeRequestMetrics* requests = nullptr; ///< with --events: their figures too
};

std::string write_html(const HtmlReport& report);

} // namespace kaiyuan::community
