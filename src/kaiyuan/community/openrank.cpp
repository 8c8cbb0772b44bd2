#include "kaiyuan/community/openrank.hpp"

#include "kaiyuan/community/metrics.hpp"

#include <cmath>
#include <map>

namespace kaiyuan::community {

namespace {

/// Edges of one month: (developer node, other node) -> weight.
using MonthEdges = std::map<std::pair<std::size_t, std::size_t>, double>;

struct Ranked {
    std::vector<double> value; ///< per node, after the last month
    std::vector<double> total; ///< per developer, summed over the months they were active
};

/// OpenRank over monthly bipartite graphs: nodes [0, developers) are developers, the rest
/// repositories or files, whose retention is `other_retention`.
Ranked rank(const std::map<std::string, MonthEdges>& months, std::size_t nodes,
            std::size_t developers, double other_retention, const OpenRankParameters& p) {
    Ranked out;
    std::vector<double>& value = out.value;
    value.assign(nodes, 0.0);
    std::vector<bool> known(nodes, false);
    out.total.assign(developers, 0.0);
    for (const auto& [month, edges] : months) {
        // Edges both ways, each node's weights as shares of its total.
        std::vector<std::vector<std::pair<std::size_t, double>>> in(nodes);
        std::vector<double> weight(nodes, 0.0);
        for (const auto& [e, w] : edges) {
            weight[e.first] += w;
            weight[e.second] += w;
        }
        std::vector<bool> active(nodes, false);
        for (const auto& [e, w] : edges) {
            in[e.second].push_back({e.first, w / weight[e.first]});
            in[e.first].push_back({e.second, w / weight[e.second]});
            active[e.first] = active[e.second] = true;
        }
        std::vector<double> start(nodes);
        for (std::size_t v = 0; v < nodes; ++v) {
            if (active[v] && !known[v]) {
                value[v] = p.default_value;
                known[v] = true;
            }
            start[v] = value[v];
        }
        std::vector<double> next = value;
        for (int round = 0; round < p.max_iterations; ++round) {
            bool moved = false;
            for (std::size_t v = 0; v < nodes; ++v) {
                if (!active[v]) continue;
                double sum = 0;
                for (const auto& [u, share] : in[v])
                    sum += share * value[u];
                double r = v < developers ? p.developer_retention : other_retention;
                next[v] = r * start[v] + (1 - r) * sum;
                moved = moved || std::fabs(next[v] - value[v]) >= p.tolerance;
            }
            value.swap(next);
            if (!moved) break;
        }
        for (std::size_t v = 0; v < nodes; ++v)
            if (!active[v] && known[v]) {
                value[v] *= p.attenuation;
                if (value[v] < p.min_value) value[v] = 0;
            }
        for (std::size_t d = 0; d < developers; ++d)
            out.total[d] += active[d] ? value[d] : 0.0;
    }
    return out;
}

} // namespace

OpenRank compute_openrank(const std::vector<const History*>& histories, const People& people,
                          const OpenRankParameters& p) {
    OpenRank out;
    std::size_t developers = people.contributors.size();
    // Commits per month, developer and repository (bots and merges left out).
    std::map<std::string, MonthEdges> months;
    for (std::size_t r = 0; r < histories.size(); ++r)
        for (std::size_t i = 0; i < histories[r]->commits.size(); ++i) {
            const Commit& c = histories[r]->commits[i];
            std::size_t who = people.of_commit[r][i];
            if (c.parents > 1 || people.contributors[who].bot || c.time <= 0) continue;
            months[period_of(c.time, Period::month)][{who, developers + r}] += 1;
        }
    for (const auto& [month, edges] : months)
        out.months.push_back(month);
    Ranked repos =
        rank(months, developers + histories.size(), developers, p.repository_retention, p);
    out.latest.assign(repos.value.begin(),
                      repos.value.begin() + static_cast<std::ptrdiff_t>(developers));
    out.total = std::move(repos.total);
    out.repository_latest.assign(repos.value.begin() + static_cast<std::ptrdiff_t>(developers),
                                 repos.value.end());

    // The contributor-file graph: commits touching each file (per repository) each month.
    std::map<std::pair<std::size_t, std::string>, std::size_t> file_node;
    std::map<std::string, MonthEdges> file_months;
    for (std::size_t r = 0; r < histories.size(); ++r)
        for (const auto& [month, touches] : histories[r]->lines.touches_by_month)
            for (const auto& [key, n] : touches) {
                auto who = people.of_author[r].find(key.first);
                if (who == people.of_author[r].end() || people.contributors[who->second].bot)
                    continue;
                auto [it, added] =
                    file_node.try_emplace({r, key.second}, developers + file_node.size());
                file_months[month][{who->second, it->second}] += n;
            }
    Ranked files =
        rank(file_months, developers + file_node.size(), developers, p.file_retention, p);
    out.file_latest.assign(files.value.begin(),
                           files.value.begin() + static_cast<std::ptrdiff_t>(developers));
    out.file_total = std::move(files.total);
    return out;
}

} // namespace kaiyuan::community
