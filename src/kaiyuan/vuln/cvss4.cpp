// CVSS v4.0 base score (https://www.first.org/cvss/v4.0/specification-document, section 8): the
// vector's MacroVector (six equivalence classes) gives a score from FIRST's table, which is then
// lowered by the vector's mean severity distance from the highest-severity vector of its class,
// as FIRST's reference calculator interpolates. Base vectors and the optional threat,
// environmental and supplemental metrics are read; the score is CVSS-B/BT/BE/BTE as given.
#include "kaiyuan/vuln/cvss.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kaiyuan::vuln {

namespace {

struct MaxVectors {
    std::string_view eq;
    int level, eq6;
    std::vector<std::string_view> vectors;
};
struct MaxSeverity {
    std::string_view eq;
    int level, eq6, tenths;
};
#include "kaiyuan/vuln/cvss4_tables.inc"

using Metrics = std::map<std::string, std::string, std::less<>>;

/// The allowed values of every metric; the first eleven are mandatory (Base).
const std::vector<std::pair<std::string_view, std::string_view>>& allowed() {
    static const std::vector<std::pair<std::string_view, std::string_view>> table = {
        {"AV", "NALP"},   {"AC", "LH"},    {"AT", "NP"},    {"PR", "NLH"},   {"UI", "NPA"},
        {"VC", "HLN"},    {"VI", "HLN"},   {"VA", "HLN"},   {"SC", "HLN"},   {"SI", "HLN"},
        {"SA", "HLN"},    {"E", "XAPU"},   {"CR", "XHML"},  {"IR", "XHML"},  {"AR", "XHML"},
        {"MAV", "XNALP"}, {"MAC", "XLH"},  {"MAT", "XNP"},  {"MPR", "XNLH"}, {"MUI", "XNPA"},
        {"MVC", "XHLN"},  {"MVI", "XHLN"}, {"MVA", "XHLN"}, {"MSC", "XHLN"}, {"MSI", "XSHLN"},
        {"MSA", "XSHLN"}, {"S", "XNP"},    {"AU", "XNY"},   {"R", "XAUI"},   {"V", "XDC"},
        {"RE", "XLMH"},   {"U", ""}};
    return table;
}

/// The effective value of a metric (FIRST's m()): a modified metric overrides its base metric;
/// E defaults to A and CR/IR/AR to H when not given.
std::string effective(const Metrics& m, std::string_view metric) {
    auto get = [&](std::string_view k) {
        auto it = m.find(k);
        return it == m.end() ? std::string("X") : it->second;
    };
    if (metric == "E") {
        std::string e = get("E");
        return e == "X" ? "A" : e;
    }
    if (metric == "CR" || metric == "IR" || metric == "AR") {
        std::string v = get(metric);
        return v == "X" ? "H" : v;
    }
    std::string modified = get("M" + std::string(metric));
    if (modified != "X") return modified;
    return get(metric);
}

/// Severity level of a metric value (FIRST's calculator, "levels"), in the same floating-point
/// steps the reference uses, so that sums round alike.
double level(std::string_view metric, std::string_view v) {
    auto pick = [&](std::initializer_list<std::pair<std::string_view, double>> t) {
        for (auto [k, l] : t)
            if (k == v) return l;
        return 0.0;
    };
    if (metric == "AV") return pick({{"N", 0.0}, {"A", 0.1}, {"L", 0.2}, {"P", 0.3}});
    if (metric == "PR") return pick({{"N", 0.0}, {"L", 0.1}, {"H", 0.2}});
    if (metric == "UI") return pick({{"N", 0.0}, {"P", 0.1}, {"A", 0.2}});
    if (metric == "AC") return pick({{"L", 0.0}, {"H", 0.1}});
    if (metric == "AT") return pick({{"N", 0.0}, {"P", 0.1}});
    if (metric == "VC" || metric == "VI" || metric == "VA")
        return pick({{"H", 0.0}, {"L", 0.1}, {"N", 0.2}});
    if (metric == "SC" || metric == "SI" || metric == "SA")
        return pick({{"S", 0.0}, {"H", 0.1}, {"L", 0.2}, {"N", 0.3}});
    if (metric == "CR" || metric == "IR" || metric == "AR")
        return pick({{"H", 0.0}, {"M", 0.1}, {"L", 0.2}});
    return 0.0;
}

/// The value of `metric` in a "AV:N/PR:N/..." fragment.
std::string_view value_in(std::string_view vector, std::string_view metric) {
    std::size_t pos = 0;
    while (pos < vector.size()) {
        auto end = vector.find('/', pos);
        std::string_view part = vector.substr(pos, end - pos);
        auto colon = part.find(':');
        if (part.substr(0, colon) == metric) return part.substr(colon + 1);
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return {};
}

double macro_score(std::string_view macro) {
    for (auto [k, v] : k_macrovector_scores)
        if (k == macro) return v;
    return std::numeric_limits<double>::quiet_NaN();
}

const std::vector<std::string_view>& max_vectors(std::string_view eq, int lvl, int eq6) {
    static const std::vector<std::string_view> none;
    for (const auto& m : k_max_composed)
        if (m.eq == eq && m.level == lvl && m.eq6 == eq6) return m.vectors;
    return none;
}

int max_severity(std::string_view eq, int lvl, int eq6) {
    for (const auto& m : k_max_severity)
        if (m.eq == eq && m.level == lvl && m.eq6 == eq6) return m.tenths;
    return 1;
}

} // namespace

Result<CvssScore> cvss4_base(std::string_view vector) {
    auto bad = [&](const std::string& why) {
        return fail("CVSS vector '" + std::string(vector) + "': " + why);
    };
    if (!vector.starts_with("CVSS:4.0/")) return bad("not a CVSS v4.0 vector");
    Metrics m;
    std::string_view rest = vector.substr(9);
    std::size_t pos = 0;
    while (pos <= rest.size()) {
        auto end = rest.find('/', pos);
        std::string_view part = rest.substr(pos, end == std::string_view::npos ? end : end - pos);
        auto colon = part.find(':');
        if (colon == std::string_view::npos)
            return bad("'" + std::string(part) + "' is not METRIC:VALUE");
        std::string key(part.substr(0, colon));
        std::string_view val = part.substr(colon + 1);
        bool known = false;
        for (auto [k, values] : allowed())
            if (k == key) {
                known = true;
                if (key != "U" &&
                    (val.size() != 1 || values.find(val[0]) == std::string_view::npos))
                    return bad(key + ":" + std::string(val) + " is not a CVSS v4.0 value");
            }
        if (!known) return bad("unknown metric " + key);
        if (!m.emplace(key, std::string(val)).second) return bad(key + " given twice");
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    for (std::size_t i = 0; i < 11; ++i)
        if (!m.count(allowed()[i].first)) return bad("no " + std::string(allowed()[i].first));

    auto e = [&](std::string_view metric) { return effective(m, metric); };
    // No impact on any system: 0.0.
    bool no_impact = true;
    for (const char* k : {"VC", "VI", "VA", "SC", "SI", "SA"})
        if (e(k) != "N") no_impact = false;
    if (no_impact) return CvssScore{"4.0", 0.0, "none"};

    std::string av = e("AV"), pr = e("PR"), ui = e("UI");
    int eq1 = (av == "N" && pr == "N" && ui == "N")                  ? 0
              : ((av == "N" || pr == "N" || ui == "N") && av != "P") ? 1
                                                                     : 2;
    int eq2 = (e("AC") == "L" && e("AT") == "N") ? 0 : 1;
    std::string vc = e("VC"), vi = e("VI"), va = e("VA");
    int eq3 = (vc == "H" && vi == "H") ? 0 : (vc == "H" || vi == "H" || va == "H") ? 1 : 2;
    int eq4 = (e("MSI") == "S" || e("MSA") == "S")                   ? 0
              : (e("SC") == "H" || e("SI") == "H" || e("SA") == "H") ? 1
                                                                     : 2;
    std::string ex = e("E");
    int eq5 = ex == "A" ? 0 : ex == "P" ? 1 : 2;
    int eq6 = ((e("CR") == "H" && vc == "H") || (e("IR") == "H" && vi == "H") ||
               (e("AR") == "H" && va == "H"))
                  ? 0
                  : 1;
    auto macro = [](int a, int b, int c, int d, int f, int g) {
        return std::to_string(a) + std::to_string(b) + std::to_string(c) + std::to_string(d) +
               std::to_string(f) + std::to_string(g);
    };
    double value = macro_score(macro(eq1, eq2, eq3, eq4, eq5, eq6));
    if (std::isnan(value)) return bad("no MacroVector score");

    double lower_eq1 = macro_score(macro(eq1 + 1, eq2, eq3, eq4, eq5, eq6));
    double lower_eq2 = macro_score(macro(eq1, eq2 + 1, eq3, eq4, eq5, eq6));
    double lower_eq3eq6;
    if (eq3 == 0 && eq6 == 0) {
        double left = macro_score(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
        double right = macro_score(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
        lower_eq3eq6 = left > right ? left : right; // as the reference compares
    } else if (eq3 == 1 && eq6 == 0) {
        lower_eq3eq6 = macro_score(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
    } else {
        lower_eq3eq6 = macro_score(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
    }
    double lower_eq4 = macro_score(macro(eq1, eq2, eq3, eq4 + 1, eq5, eq6));
    double lower_eq5 = macro_score(macro(eq1, eq2, eq3, eq4, eq5 + 1, eq6));

    // The first highest-severity vector of the class that the vector does not exceed.
    static constexpr std::string_view k_distance_metrics[] = {
        "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"};
    std::map<std::string_view, double> distance;
    bool found = false;
    for (auto a : max_vectors("eq1", eq1, -1))
        for (auto b : max_vectors("eq2", eq2, -1))
            for (auto c : max_vectors("eq3", eq3, eq6))
                for (auto d : max_vectors("eq4", eq4, -1))
                    for (auto f : max_vectors("eq5", eq5, -1)) {
                        if (found) continue;
                        std::string max = std::string(a) + std::string(b) + std::string(c) +
                                          std::string(d) + std::string(f);
                        bool ok = true;
                        for (auto metric : k_distance_metrics) {
                            double dist =
                                level(metric, e(metric)) - level(metric, value_in(max, metric));
                            distance[metric] = dist;
                            if (dist < 0) ok = false;
                        }
                        found = ok;
                    }
    auto d = [&](std::initializer_list<std::string_view> ms) {
        double sum = 0;
        bool first = true;
        for (auto k : ms) {
            sum = first ? distance[k] : sum + distance[k];
            first = false;
        }
        return sum;
    };
    double current[] = {d({"AV", "PR", "UI"}), d({"AC", "AT"}),
                        d({"VC", "VI", "VA", "CR", "IR", "AR"}), d({"SC", "SI", "SA"}), 0.0};
    double lower[] = {lower_eq1, lower_eq2, lower_eq3eq6, lower_eq4, lower_eq5};
    double max_sev[] = {max_severity("eq1", eq1, -1) * 0.1, max_severity("eq2", eq2, -1) * 0.1,
                        max_severity("eq3eq6", eq3, eq6) * 0.1, max_severity("eq4", eq4, -1) * 0.1,
                        max_severity("eq5", eq5, -1) * 0.1};
    int existing = 0;
    double normalized[5];
    for (int k = 0; k < 5; ++k) {
        double available = value - lower[k];
        normalized[k] = std::isnan(available) ? 0.0 : available * (current[k] / max_sev[k]);
        if (!std::isnan(available)) ++existing;
    }
    double sum = normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4];
    if (existing) value -= sum / existing;
    value = std::max(0.0, std::min(10.0, value));
    // FIRST's calculator rounds Math.round(10 * (value + 1e-6)) / 10: the epsilon keeps a score
    // such as 5.65, computed as 5.6499999..., from rounding down.
    double score = std::floor(10 * (value + 1e-6) + 0.5) / 10;
    return CvssScore{"4.0", score, cvss_severity(score)};
}

} // namespace kaiyuan::vuln
