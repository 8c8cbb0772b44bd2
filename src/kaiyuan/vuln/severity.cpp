#include "kaiyuan/vuln/severity.hpp"

#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/cvss.hpp"

namespace kaiyuan::vuln {

int severity_rank(std::string_view s) {
    if (s == "none") return 0;
    if (s == "low") return 1;
    if (s == "medium") return 2;
    if (s == "high") return 3;
    if (s == "critical") return 4;
    return -1;
}

std::string normalize_stated_severity(std::string_view stated) {
    std::string s = util::to_lower(stated);
    if (s == "moderate" || s == "important") return s == "important" ? "high" : "medium";
    if (s == "negligible") return "low";
    if (severity_rank(s) >= 0) return s;
    return "unknown";
}

std::vector<Rating> ratings(const Advisory& a) {
    std::vector<Rating> out;
    for (const auto& s : a.severity) {
        auto score = cvss_base(s.score);
        if (!score) continue;
        std::string method = score->version == "4.0"   ? "CVSSv4"
                             : score->version == "3.1" ? "CVSSv31"
                                                       : "CVSSv3";
        out.push_back({method, s.score, score->score, score->severity});
    }
    if (out.empty() && !a.stated_severity.empty())
        out.push_back({"other", {}, 0, normalize_stated_severity(a.stated_severity)});
    return out;
}

std::string severity_of(const Advisory& a) {
    std::string best = "unknown";
    for (const auto& r : ratings(a))
        if (severity_rank(r.severity) > severity_rank(best)) best = r.severity;
    return best;
}

double top_score(const Advisory& a) {
    double best = 0;
    for (const auto& r : ratings(a))
        best = std::max(best, r.score);
    return best;
}

} // namespace kaiyuan::vuln
