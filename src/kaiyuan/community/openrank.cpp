#include "kaiyuan/community/openrank.hpp"

#include "kaiyuan/community/metrics.hpp"

#include <cmath>
#include <map>

namespace kaiyuan::community {

OpenRank compute_openrank(const std::vector<const History*>& histories, const People& people,
                          const OpenRankParameters& p) {
    OpenRank out;
    std::size_t developers = people.contributors.size();
    std::size_t nodes = developers + histories.size(); // developers, then repositories
    // Commits per month, developer and repository (bots and merges left out).
    std::map<std::string, std::map<std::pair<std::size_t, std::size_t>, double>> months;
    for (std::size_t r = 0; r < histories.size(); ++r)
        for (std::size_t i = 0; i < histories[r]->commits.size(); ++i) {
            const Commit& c = histories[r]->commits[i];
            std::size_t who = people.of_commit[r][i];
            if (c.parents > 1 || people.contributors[who].bot) continue;
            months[period_of(c.time, Period::month)][{who, developers + r}] += 1;
        }
    std::vector<double> value(nodes, 0.0);
    std::vector<bool> known(nodes, false);
    out.total.assign(developers, 0.0);
    for (const auto& [month, edges] : months) {
        out.months.push_back(month);
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
                double r = v < developers ? p.developer_retention : p.repository_retention;
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
    out.latest.assign(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(developers));
    out.repository_latest.assign(value.begin() + static_cast<std::ptrdiff_t>(developers),
                                 value.end());
    return out;
}

} // namespace kaiyuan::community
