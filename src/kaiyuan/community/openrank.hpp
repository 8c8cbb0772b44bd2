#pragma once
/// A contribution value in the manner of OpenDigger's OpenRank (X-lab; the algorithm as its
/// documentation and its Neo4j plugin describe it, implemented here from that description),
/// computed from git alone:
///   - one graph per month: developers and repositories, an edge from each developer to each
///     repository they committed to that month, weighted by their non-merge commits there;
///   - each node's value: v = r * v0 + (1 - r) * sum over its neighbours u of share(u -> v) * u,
///     where v0 is the node's value from the month before (1.0 for a new node), r its retention
///     factor (developers 0.5, repositories 0.3: global OpenRank's parameters) and share(u -> v)
///     the part of u's edge weight that goes to v; iterated until no value moves by 0.001 or
///     more (at most 40 rounds);
///   - a node without activity in a month keeps 85% of its value (attenuation), and drops to 0
///     below 0.1.
/// The same is computed a second time on the contributor-file graph (each month, an edge from a
/// developer to each file they changed, weighted by their commits touching it; files retain
/// 0.3 as repositories do): within one repository, where the contributor-repository graph can
/// only follow commit counts, it rewards work on files that many others also work on.
/// What differs from OpenRank on GitHub events: the only activity is a commit (no issues,
/// comments, reviews or stars, which git does not hold), commits count once each whatever their
/// size, and there is no issue or pull-request node between developers and repositories.
#include "kaiyuan/community/contributors.hpp"

#include <string>
#include <vector>

namespace kaiyuan::community {

struct OpenRankParameters {
    double default_value = 1.0;
    double developer_retention = 0.5, repository_retention = 0.3, file_retention = 0.3;
    double attenuation = 0.85, min_value = 0.1;
    double tolerance = 0.001;
    int max_iterations = 40;
};

struct OpenRank {
    std::vector<std::string> months;       ///< "2024-01", in order, gaps included
    std::vector<double> latest;            ///< per contributor, after the last month
    std::vector<double> total;             ///< per contributor, summed over the months
    std::vector<double> repository_latest; ///< per history
    std::vector<double> file_latest;       ///< per contributor, on the contributor-file graph
    std::vector<double> file_total;        ///< the same, summed over the months
};

OpenRank compute_openrank(const std::vector<const History*>& histories, const People& people,
                          const OpenRankParameters& parameters = {});

} // namespace kaiyuan::community
