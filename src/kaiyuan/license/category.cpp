#include "kaiyuan/license/category.hpp"

#include <array>
#include <utility>

namespace kaiyuan::license {

namespace {

struct Rule {
    std::string_view prefix; ///< an id family ("GPL-") or a whole id ("Sleepycat")
    Category category;
};

// Checked in order; the first family that begins the id wins. Sources for the copyleft scopes:
// the FSF's and OSI's license descriptions, and each license's own text (network clauses of
// AGPL section 13, SSPL section 13, OSL section 5 "External Deployment").
constexpr std::array k_rules{
    // Not open source: non-commercial, no-derivatives, source-available and delayed-open.
    Rule{"CC-BY-NC", Category::unknown},
    Rule{"CC-BY-ND", Category::unknown},
    Rule{"CC-NC", Category::unknown},
    Rule{"BUSL-", Category::unknown},
    Rule{"Elastic-", Category::unknown},
    Rule{"PolyForm-", Category::unknown},
    Rule{"FSL-", Category::unknown},
    Rule{"Hippocratic-", Category::unknown},
    Rule{"LGPLLR", Category::weak_copyleft},
    Rule{"AGPL-", Category::network_copyleft},
    Rule{"SSPL-", Category::network_copyleft},
    Rule{"OSL-", Category::network_copyleft},
    Rule{"NPOSL-", Category::network_copyleft},
    Rule{"RPL-", Category::network_copyleft},
    Rule{"CPAL-", Category::network_copyleft},
    Rule{"CAL-", Category::network_copyleft},
    Rule{"Parity-", Category::network_copyleft},
    Rule{"LGPL-", Category::weak_copyleft},
    Rule{"GPL-", Category::strong_copyleft},
    Rule{"GFDL-", Category::strong_copyleft},
    Rule{"EUPL-", Category::strong_copyleft},
    Rule{"CECILL-C", Category::weak_copyleft},
    Rule{"CECILL-B", Category::permissive},
    Rule{"CECILL-", Category::strong_copyleft},
    Rule{"CC-BY-SA-", Category::strong_copyleft},
    Rule{"ODbL-", Category::strong_copyleft},
    Rule{"Sleepycat", Category::strong_copyleft},
    Rule{"copyleft-next-", Category::strong_copyleft},
    Rule{"SimPL-", Category::strong_copyleft},
    Rule{"QPL-", Category::strong_copyleft},
    Rule{"LAL-", Category::strong_copyleft},
    Rule{"LiLiQ-Rplus-", Category::strong_copyleft},
    Rule{"Watcom-", Category::strong_copyleft},
    Rule{"OSET-PL-", Category::weak_copyleft},
    Rule{"MPL-", Category::weak_copyleft},
    Rule{"EPL-", Category::weak_copyleft},
    Rule{"CDDL-", Category::weak_copyleft},
    Rule{"CPL-", Category::weak_copyleft},
    Rule{"IPL-", Category::weak_copyleft},
    Rule{"MS-RL", Category::weak_copyleft},
    Rule{"APSL-", Category::weak_copyleft},
    Rule{"ErlPL-", Category::weak_copyleft},
    Rule{"NPL-", Category::weak_copyleft},
    Rule{"SPL-", Category::weak_copyleft},
    Rule{"OFL-", Category::weak_copyleft},
    Rule{"Artistic-", Category::weak_copyleft},
    Rule{"LPL-", Category::weak_copyleft},
    Rule{"RPSL-", Category::weak_copyleft},
    Rule{"Nokia", Category::weak_copyleft},
    Rule{"Motosoto", Category::weak_copyleft},
    Rule{"Interbase-", Category::weak_copyleft},
    Rule{"SISSL", Category::weak_copyleft},
    Rule{"gSOAP-", Category::weak_copyleft},
    Rule{"LiLiQ-R-", Category::weak_copyleft},
    Rule{"NASA-", Category::weak_copyleft},
    Rule{"CUA-OPL-", Category::weak_copyleft},
    Rule{"SugarCRM-", Category::weak_copyleft},
    Rule{"RSCPL", Category::weak_copyleft},
    Rule{"CATOSL-", Category::weak_copyleft},
    Rule{"YPL-", Category::weak_copyleft},
    Rule{"Arphic-", Category::weak_copyleft},
    Rule{"MulanPSL-", Category::permissive},
    Rule{"CC0-", Category::public_domain},
    Rule{"Unlicense", Category::public_domain},
    Rule{"PDDL-", Category::public_domain},
    Rule{"SAX-PD", Category::public_domain},
    Rule{"NIST-PD", Category::public_domain},
    Rule{"blessing", Category::public_domain},
    Rule{"CC-PDDC", Category::public_domain},
    Rule{"CC-PDM-", Category::public_domain},
    Rule{"Unlicense-libtelnet", Category::public_domain},
};

// Families of permissive licenses outside the OSI list: attribution and notice only.
constexpr std::array<std::string_view, 48> k_permissive_families{
    "MIT",        "BSD",      "X11",     "ISC",     "HPND",     "Apache-",  "Zlib",   "zlib-",
    "libpng",     "curl",     "FSFAP",   "FSFUL",   "NTP",      "Beerware", "BSL-",   "Boost",
    "PostgreSQL", "PSF-",     "Python-", "UPL-",    "W3C",      "OpenSSL",  "SSLeay", "Spencer-",
    "TCL",        "Unicode-", "ICU",     "JasPer-", "Info-ZIP", "IJG",      "AFL-",   "AML",
    "bzip2-",     "CC-BY-",   "WTFPL",   "0BSD",    "Xnet",     "XFree86-", "Xerox",  "xinetd",
    "Zed",        "ZPL-",     "Vim",     "Ruby",    "PHP-",     "OLDAP-",   "NCSA",   "Libpng",
};

} // namespace

const char* to_string(Category c) {
    switch (c) {
    case Category::permissive:
        return "permissive";
    case Category::weak_copyleft:
        return "weak-copyleft";
    case Category::strong_copyleft:
        return "strong-copyleft";
    case Category::network_copyleft:
        return "network-copyleft";
    case Category::public_domain:
        return "public-domain";
    case Category::unknown:
        return "unknown";
    }
    return "unknown";
}

bool parse_category(std::string_view text, Category& out) {
    for (Category c : {Category::permissive, Category::weak_copyleft, Category::strong_copyleft,
                       Category::network_copyleft, Category::public_domain, Category::unknown})
        if (text == to_string(c)) {
            out = c;
            return true;
        }
    return false;
}

Category category_of(std::string_view id, bool osi_approved) {
    if (id.ends_with('+')) id.remove_suffix(1);
    if (id.starts_with("LicenseRef-") || id.starts_with("DocumentRef-")) return Category::unknown;
    for (const Rule& r : k_rules)
        if (id.starts_with(r.prefix)) return r.category;
    if (osi_approved) return Category::permissive;
    for (std::string_view family : k_permissive_families)
        if (id.starts_with(family)) return Category::permissive;
    return Category::unknown;
}

} // namespace kaiyuan::license
