// CVSS v3.0 / v3.1 base score (https://www.first.org/cvss/v3.1/specification-document, 7.1 and
// 7.4; v3.0 differs only in Roundup).
#include "kaiyuan/vuln/cvss.hpp"

#include <cmath>
#include <map>

namespace kaiyuan::vuln {

namespace {

/// Metric "AV" -> value letter, from "CVSS:3.1/AV:N/AC:L/...".
Result<std::map<std::string, std::string, std::less<>>> metrics(std::string_view v) {
    std::map<std::string, std::string, std::less<>> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= v.size(); ++i) {
        if (i < v.size() && v[i] != '/') continue;
        std::string_view part = v.substr(start, i - start);
        start = i + 1;
        auto colon = part.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size())
            return fail("CVSS vector '" + std::string(v) + "': '" + std::string(part) +
                        "' is not METRIC:VALUE");
        std::string key(part.substr(0, colon));
        if (key != "CVSS" && out.count(key))
            return fail("CVSS vector '" + std::string(v) + "': " + key + " given twice");
        out[key] = std::string(part.substr(colon + 1));
    }
    return out;
}

} // namespace

std::string cvss_severity(double score) {
    if (score <= 0) return "none";
    if (score < 4.0) return "low";
    if (score < 7.0) return "medium";
    if (score < 9.0) return "high";
    return "critical";
}

Result<CvssScore> cvss3_base(std::string_view vector) {
    auto m = metrics(vector);
    if (!m) return unexpected(m.error());
    std::string version = "3.1";
    if (auto it = m->find("CVSS"); it != m->end()) {
        if (it->second != "3.0" && it->second != "3.1")
            return fail("CVSS vector '" + std::string(vector) + "': not version 3.0 or 3.1");
        version = it->second;
    }
    auto weight =
        [&](const char* metric,
            std::initializer_list<std::pair<const char*, double>> values) -> Result<double> {
        auto it = m->find(metric);
        if (it == m->end()) return fail("CVSS vector '" + std::string(vector) + "': no " + metric);
        for (auto [k, w] : values)
            if (it->second == k) return w;
        return fail("CVSS vector '" + std::string(vector) + "': " + metric + ":" + it->second +
                    " is not a CVSS v3 value");
    };
    auto scope = weight("S", {{"U", 0}, {"C", 1}});
    if (!scope) return unexpected(scope.error());
    bool changed = *scope == 1;
    auto av = weight("AV", {{"N", 0.85}, {"A", 0.62}, {"L", 0.55}, {"P", 0.2}});
    auto ac = weight("AC", {{"L", 0.77}, {"H", 0.44}});
    auto pr =
        weight("PR", {{"N", 0.85}, {"L", changed ? 0.68 : 0.62}, {"H", changed ? 0.5 : 0.27}});
    auto ui = weight("UI", {{"N", 0.85}, {"R", 0.62}});
    auto c = weight("C", {{"H", 0.56}, {"L", 0.22}, {"N", 0}});
    auto i = weight("I", {{"H", 0.56}, {"L", 0.22}, {"N", 0}});
    auto a = weight("A", {{"H", 0.56}, {"L", 0.22}, {"N", 0}});
    for (auto* r : {&av, &ac, &pr, &ui, &c, &i, &a})
        if (!*r) return unexpected(r->error());
    // Roundup: v3.1 Appendix A avoids floating-point artefacts by working in 1/100000.
    auto roundup = [&](double x) {
        if (version == "3.0") return std::ceil(x * 10) / 10;
        auto n = static_cast<long long>(std::llround(x * 100000));
        if (n % 10000 == 0) return static_cast<double>(n) / 100000.0;
        return (std::floor(static_cast<double>(n) / 10000) + 1) / 10.0;
    };
    double iss = 1 - (1 - *c) * (1 - *i) * (1 - *a);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability = 8.22 * *av * *ac * *pr * *ui;
    double score = 0;
    if (impact > 0)
        score = changed ? roundup(std::min(1.08 * (impact + exploitability), 10.0))
                        : roundup(std::min(impact + exploitability, 10.0));
    return CvssScore{version, score, cvss_severity(score)};
}

Result<CvssScore> cvss_base(std::string_view vector) {
    if (vector.starts_with("CVSS:4.0/")) return cvss4_base(vector);
    // CVSS v2 (AV:N/AC:L/Au:N/C:P/I:P/A:P, sometimes "CVSS:2.0/" or "(AV:..."): its metrics
    // differ (Au, C/I/A of N/P/C) and kaiyuan rates by v3 and v4 only.
    if (vector.starts_with("CVSS:2") || vector.starts_with("(AV:") ||
        (vector.starts_with("AV:") && vector.find("/Au:") != std::string_view::npos))
        return fail("'" + std::string(vector) +
                    "' is a CVSS v2 vector; kaiyuan computes CVSS v3.0, v3.1 and v4.0 only");
    if (vector.starts_with("CVSS:3.") || vector.starts_with("AV:")) return cvss3_base(vector);
    return fail("'" + std::string(vector) + "' is not a CVSS v3 or v4 vector");
}

} // namespace kaiyuan::vuln
