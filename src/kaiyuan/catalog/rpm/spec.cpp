#include "kaiyuan/catalog/rpm/spec.hpp"

#include "kaiyuan/catalog/rpm/spec_macros.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace kaiyuan::catalog::rpm {

std::string SpecFileEntry::file_name() const {
    std::string v = value;
    if (v.find("://") != std::string::npos) {
        // rpm takes the last path segment; a "#/name" fragment names the file.
        if (auto hash = v.find("#/"); hash != std::string::npos) return v.substr(hash + 2);
        if (auto q = v.find('?'); q != std::string::npos) v.resize(q);
    }
    auto slash = v.rfind('/');
    return slash == std::string::npos ? v : v.substr(slash + 1);
}

std::vector<std::string> cve_ids(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = util::to_lower(text).find("cve-", at)) != std::string::npos;) {
        std::size_t i = at + 4, year = 0, digits = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && year < 5)
            ++i, ++year;
        if (year == 4 && i < text.size() && (text[i] == '-' || text[i] == '_')) {
            std::size_t j = i + 1;
            while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))
                ++j, ++digits;
            if (digits >= 4 && digits <= 7) {
                std::string id = "CVE-" + std::string(text.substr(at + 4, 4)) + "-" +
                                 std::string(text.substr(i + 1, digits));
                if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
            }
            at = j;
        } else {
            at += 4;
        }
    }
    return out;
}

namespace {

constexpr std::array k_sections{"%description",
                                "%prep",
                                "%build",
                                "%install",
                                "%check",
                                "%clean",
                                "%files",
                                "%changelog",
                                "%pre",
                                "%post",
                                "%preun",
                                "%postun",
                                "%pretrans",
                                "%posttrans",
                                "%preuntrans",
                                "%postuntrans",
                                "%triggerin",
                                "%triggerun",
                                "%triggerpostun",
                                "%triggerprein",
                                "%filetriggerin",
                                "%filetriggerun",
                                "%filetriggerpostun",
                                "%transfiletriggerin",
                                "%transfiletriggerun",
                                "%transfiletriggerpostun",
                                "%verifyscript",
                                "%generate_buildrequires",
                                "%sourcelist",
                                "%patchlist",
                                "%conf",
                                "%package"};

std::string first_word(std::string_view s) {
    auto words = util::split_ws(s);
    return words.empty() ? std::string() : std::string(words.front());
}

/// One open %if/%ifarch.
struct Frame {
    bool outer_active = true; ///< the enclosing branch is read
    bool active = true;       ///< this branch is read
    bool taken = false;       ///< some branch of a decided %if was taken
    bool arch = false;        ///< %ifarch and the like: both branches are read
    std::string label;        ///< "ifarch aarch64" (arch frames; "not ..." in %else)
    std::uint32_t line = 0;
};

struct Parser {
    const model::Location& location;
    SpecFile spec;
    Macros macros;
    std::vector<Frame> frames;
    std::string section = "preamble";
    std::size_t package = 0; ///< index into spec.packages of the preamble being read
    int next_source = 0, next_patch = 0;
    bool in_changelog_entry = false;
    bool first_changelog_entry = false;

    void diag(model::Severity severity, std::uint32_t line, std::string message) {
        spec.diagnostics.push_back({severity, {location.path, location.layer, line}, message});
    }
    std::string expand(std::string_view text, std::uint32_t line) {
        std::vector<std::string> problems;
        std::string out = macros.expand(text, problems);
        for (auto& p : problems)
            diag(model::Severity::info, line, std::move(p));
        return out;
    }
    bool active() const { return frames.empty() || frames.back().active; }
    std::string condition() const {
        std::string out;
        for (const auto& f : frames)
            if (f.arch) out += (out.empty() ? "" : " and ") + f.label;
        return out;
    }

    /// %if and its kin; true when the line was one.
    bool conditional(std::string_view trimmed, std::uint32_t line) {
        std::string word = first_word(trimmed);
        std::string_view rest = util::trim(trimmed.substr(word.size()));
        bool arch_kind =
            word == "%ifarch" || word == "%ifnarch" || word == "%ifos" || word == "%ifnos";
        if (word == "%if" || arch_kind) {
            Frame f;
            f.outer_active = active();
            f.line = line;
            if (arch_kind) {
                f.arch = true;
                f.active = f.outer_active;
                f.label = word.substr(1) + " " + expand(rest, line);
            } else {
                bool value = false;
                if (f.outer_active) {
                    auto v = evaluate_condition(expand(rest, line));
                    if (!v.error.empty())
                        diag(model::Severity::warning, line,
                             "%if " + std::string(rest) + ": " + v.error + "; read as false");
                    value = v.value;
                }
                f.active = f.outer_active && value;
                f.taken = value;
            }
            frames.push_back(std::move(f));
            return true;
        }
        if (word == "%elif" || word == "%elifarch" || word == "%elifnarch" || word == "%elifos" ||
            word == "%elifnos") {
            if (frames.empty()) {
                diag(model::Severity::warning, line, word + " without %if; ignored");
                return true;
            }
            Frame& f = frames.back();
            if (f.arch || word != "%elif") {
                f.arch = true;
                f.active = f.outer_active;
                f.label = word.substr(3) + " " + expand(rest, line);
            } else {
                bool value = false;
                if (f.outer_active && !f.taken) {
                    auto v = evaluate_condition(expand(rest, line));
                    if (!v.error.empty())
                        diag(model::Severity::warning, line,
                             "%elif " + std::string(rest) + ": " + v.error + "; read as false");
                    value = v.value;
                }
                f.active = f.outer_active && !f.taken && value;
                f.taken = f.taken || value;
            }
            return true;
        }
        if (word == "%else") {
            if (frames.empty()) {
                diag(model::Severity::warning, line, "%else without %if; ignored");
                return true;
            }
            Frame& f = frames.back();
            if (f.arch) {
                f.label = "not " + f.label;
                f.active = f.outer_active;
            } else {
                f.active = f.outer_active && !f.taken;
                f.taken = true;
            }
            return true;
        }
        if (word == "%endif") {
            if (frames.empty())
                diag(model::Severity::warning, line, "%endif without %if; ignored");
            else
                frames.pop_back();
            return true;
        }
        return false;
    }

    /// %global, %define, %undefine, %bcond*; true when the line was one.
    bool definition(std::string_view trimmed, std::uint32_t line) {
        std::string word = first_word(trimmed);
        std::string_view rest = util::trim(trimmed.substr(word.size()));
        if (word == "%global" || word == "%define") {
            std::string name = first_word(rest);
            std::string_view body = util::trim(rest.substr(name.size()));
            if (auto paren = name.find('('); paren != std::string::npos) name.resize(paren);
            if (name.empty()) {
                diag(model::Severity::warning, line, word + " without a name; ignored");
                return true;
            }
            // %global expands its body now; %define when used.
            macros.define(name, word == "%global" ? expand(body, line) : std::string(body));
            return true;
        }
        if (word == "%undefine") {
            macros.undefine(first_word(rest));
            return true;
        }
        if (word == "%bcond_with") return true; // off unless --with: with_X stays undefined
        if (word == "%bcond_without") {
            macros.define("with_" + first_word(rest), "1");
            return true;
        }
        if (word == "%bcond") {
            std::string name = first_word(rest);
            auto v = evaluate_condition(expand(util::trim(rest.substr(name.size())), line));
            if (v.value) macros.define("with_" + name, "1");
            return true;
        }
        return false;
    }

    void start_section(const std::string& word, std::string_view rest, std::uint32_t line) {
        section = word.substr(1);
        in_changelog_entry = false;
        if (word != "%package") return;
        section = "preamble";
        std::string expanded = expand(rest, line);
        auto args = util::split_ws(expanded);
        std::string name;
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i] == "-n" && i + 1 < args.size()) {
                name = std::string(args[++i]);
            } else if (!args[i].starts_with("-") && name.empty()) {
                name = spec.name + "-" + std::string(args[i]);
            }
        }
        if (name.empty()) {
            diag(model::Severity::warning, line, "%package without a name; its tags are ignored");
            section = "ignored";
            return;
        }
        spec.packages.push_back({name, "", "", "", "", {}, line});
        package = spec.packages.size() - 1;
    }

    std::vector<SpecRequirement> requirements(const std::string& kind, std::string_view value,
                                              std::uint32_t line) {
        // Tokens at parenthesis depth 0, split on blanks and commas.
        std::vector<std::string> tokens;
        std::string cur;
        int depth = 0;
        for (char ch : value) {
            if (ch == '(') ++depth;
            if (ch == ')') --depth;
            if (depth <= 0 && (ch == ',' || std::isspace(static_cast<unsigned char>(ch)))) {
                if (!cur.empty()) tokens.push_back(std::move(cur));
                cur.clear();
                depth = 0;
                continue;
            }
            cur += ch;
        }
        if (!cur.empty()) tokens.push_back(std::move(cur));
        auto is_op = [](std::string_view t) {
            return t == "=" || t == "==" || t == "<" || t == "<=" || t == ">" || t == ">=" ||
                   t == "=>" || t == "=<";
        };
        std::vector<SpecRequirement> out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            SpecRequirement r{kind, tokens[i], "", "", condition(), line};
            if (is_op(r.name)) {
                diag(model::Severity::warning, line,
                     kind + ": '" + r.name + "' without a package before it; ignored");
                ++i;
                continue;
            }
            if (!r.name.starts_with("(")) {
                // "foo>=1.2" written without blanks.
                auto op_at = r.name.find_first_of("<>=");
                if (op_at != std::string::npos && op_at > 0 && !r.name.ends_with(")")) {
                    std::size_t op_end = r.name.find_first_not_of("<>=", op_at);
                    r.op = r.name.substr(op_at, op_end - op_at);
                    r.version = op_end == std::string::npos ? "" : r.name.substr(op_end);
                    r.name.resize(op_at);
                } else if (i + 1 < tokens.size() && is_op(tokens[i + 1])) {
                    r.op = tokens[i + 1];
                    if (i + 2 < tokens.size()) {
                        r.version = tokens[i + 2];
                        i += 2;
                    } else {
                        diag(model::Severity::warning, line,
                             kind + ": " + r.name + " " + r.op + " without a version");
                        i += 1;
                    }
                }
                if (r.op == "==") r.op = "=";
                if (r.op == "=>") r.op = ">=";
                if (r.op == "=<") r.op = "<=";
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    void entry(bool patch, std::string number, std::string value, std::uint32_t line) {
        int& next = patch ? next_patch : next_source;
        int n = next;
        if (!number.empty()) {
            std::uint64_t parsed = 0;
            if (util::parse_uint(number, parsed) && parsed < 1000000) n = static_cast<int>(parsed);
        }
        next = std::max(next, n + 1);
        SpecFileEntry e{(patch ? "Patch" : "Source") + std::to_string(n), std::move(value),
                        condition(), line};
        if (e.value.empty()) {
            diag(model::Severity::warning, line, e.tag + " is empty; ignored");
            return;
        }
        (patch ? spec.patches : spec.sources).push_back(std::move(e));
    }

    void tag(std::string_view trimmed, std::uint32_t line) {
        auto colon = trimmed.find(':');
        std::string_view name_part = trimmed.substr(0, colon);
        // "Requires(post)": the qualifier belongs to the tag.
        if (colon == std::string_view::npos || name_part.empty() ||
            !std::isalpha(static_cast<unsigned char>(name_part[0]))) {
            diag(model::Severity::warning, line,
                 "'" + std::string(trimmed.substr(0, 60)) + "' is not a Tag: value line; ignored");
            return;
        }
        std::string tag_name(util::trim(name_part));
        std::string raw(util::trim(trimmed.substr(colon + 1)));
        std::string value = expand(raw, line);
        std::string lower = util::to_lower(tag_name);
        auto paren = lower.find('(');
        std::string base = paren == std::string::npos ? lower : lower.substr(0, paren);
        SpecPackage& pkg = spec.packages[package];
        bool main = package == 0;
        if (base == "name" && main) {
            spec.name = value;
            pkg.name = value;
            pkg.line = line;
            macros.define("name", value);
            macros.define("N", value);
        } else if (base == "version" && main) {
            spec.version = value;
            macros.define("version", value);
            macros.define("V", value);
        } else if (base == "release" && main) {
            spec.release = value;
            macros.define("release", value);
            macros.define("R", value);
        } else if (base == "epoch" && main) {
            spec.epoch = value;
            macros.define("epoch", value);
            macros.define("E", value);
        } else if (base == "license") {
            (main ? spec.license : pkg.license) = value;
            if (main) pkg.license = value;
        } else if (base == "url") {
            (main ? spec.url : pkg.url) = value;
            if (main) {
                pkg.url = value;
                macros.define("url", value);
            }
        } else if (base == "summary") {
            (main ? spec.summary : pkg.summary) = value;
            if (main) pkg.summary = value;
        } else if (base == "vendor") {
            spec.vendor = value;
        } else if (base == "buildarch" || base == "buildarchitectures") {
            pkg.build_arch = value;
        } else if (base.starts_with("source") &&
                   std::all_of(base.begin() + 6, base.end(), [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c));
                   })) {
            entry(false, base.substr(6), value, line);
        } else if (base.starts_with("patch") &&
                   std::all_of(base.begin() + 5, base.end(), [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c));
                   })) {
            entry(true, base.substr(5), value, line);
        } else if (base == "buildrequires") {
            for (auto& r : requirements("BuildRequires", value, line))
                spec.build_requires.push_back(std::move(r));
        } else if (base == "requires" || base == "recommends" || base == "suggests") {
            for (auto& r : requirements(tag_name, value, line))
                pkg.dependencies.push_back(std::move(r));
        }
        // Other tags (Group, Provides, Obsoletes, Conflicts, ...) say nothing a review needs.
    }

    void changelog(std::string_view line_text, std::uint32_t) {
        if (line_text.starts_with("*")) {
            first_changelog_entry = spec.latest_changelog.empty();
            if (first_changelog_entry) spec.latest_changelog = std::string(util::trim(line_text));
            in_changelog_entry = true;
        }
        auto ids = cve_ids(line_text);
        for (const auto& id : ids) {
            if (first_changelog_entry &&
                std::find(spec.latest_changelog_cves.begin(), spec.latest_changelog_cves.end(),
                          id) == spec.latest_changelog_cves.end())
                spec.latest_changelog_cves.push_back(id);
            if (std::find(spec.changelog_cves.begin(), spec.changelog_cves.end(), id) ==
                spec.changelog_cves.end())
                spec.changelog_cves.push_back(id);
        }
    }

    void line(std::string_view raw, std::uint32_t number) {
        std::string_view trimmed = util::trim(raw);
        if (trimmed.starts_with("%") && conditional(trimmed, number)) return;
        if (!active()) return;
        if (trimmed.starts_with("%")) {
            std::string word = first_word(trimmed);
            if (std::find(k_sections.begin(), k_sections.end(), word) != k_sections.end()) {
                start_section(word, util::trim(trimmed.substr(word.size())), number);
                return;
            }
            if (definition(trimmed, number)) return;
        }
        if (section == "changelog") {
            changelog(raw, number);
            return;
        }
        if (trimmed.empty() || trimmed.starts_with("#")) return;
        if (section == "sourcelist" || section == "patchlist") {
            entry(section == "patchlist", "", expand(trimmed, number), number);
            return;
        }
        if (section == "preamble") {
            if (trimmed.starts_with("%")) {
                // A macro call in the preamble (%{?systemd_requires}, %description ...) may
                // expand to tags; what it expands to is read as lines.
                std::string expanded = expand(trimmed, number);
                if (expanded != trimmed)
                    for (auto l : util::split(expanded, '\n'))
                        if (!util::trim(l).empty() && !util::trim(l).starts_with("%"))
                            tag(util::trim(l), number);
                return;
            }
            tag(trimmed, number);
        }
    }
};

} // namespace

Result<SpecFile> parse_spec(std::string_view text, const model::Location& location) {
    Parser p{location, {}, {}, {}, "preamble", 0, 0, 0, false, false};
    p.spec.packages.push_back({});
    std::uint32_t number = 0;
    std::string pending; // a line continued with a trailing backslash
    std::uint32_t pending_line = 0;
    for (auto raw : util::split(text, '\n')) {
        ++number;
        if (raw.ends_with('\r')) raw.remove_suffix(1);
        if (!pending.empty() || (raw.ends_with('\\') && p.section != "changelog")) {
            if (pending.empty()) pending_line = number;
            if (raw.ends_with('\\')) {
                pending += std::string(raw.substr(0, raw.size() - 1)) + "\n";
                continue;
            }
            pending += raw;
            p.line(pending, pending_line);
            pending.clear();
            continue;
        }
        p.line(raw, number);
    }
    if (!pending.empty()) p.line(pending, pending_line);
    for (const auto& f : p.frames)
        p.diag(model::Severity::warning, f.line, "%if without %endif");
    if (p.spec.name.empty()) return fail(location.path + ": no Name tag: not an rpm spec file");
    if (p.spec.version.empty())
        p.diag(model::Severity::warning, 0, "no Version tag; the package has no version");
    return std::move(p.spec);
}

namespace {

std::string namespace_of(const SpecFile& spec) {
    // The purl namespace names the vendor; kaiyuan reads spec files as openEuler's package
    // repositories keep them unless the spec names its vendor.
    std::string v = util::to_lower(first_word(spec.vendor));
    static const std::map<std::string, std::string> known{
        {"openeuler", "openeuler"}, {"fedora", "fedora"},
        {"red", "redhat"},          {"centos", "centos"},
        {"rocky", "rocky"},         {"almalinux", "almalinux"},
        {"suse", "opensuse"},       {"opensuse", "opensuse"},
        {"mageia", "mageia"},       {"openmandriva", "openmandriva"}};
    if (auto it = known.find(v); it != known.end()) return it->second;
    return "openeuler";
}

} // namespace

CatalogResult spec_components(const SpecFile& spec, const model::Location& location) {
    CatalogResult out;
    out.diagnostics = spec.diagnostics;
    std::string ns = namespace_of(spec);
    std::string vr = spec.release.empty() ? spec.version : spec.version + "-" + spec.release;
    std::uint64_t epoch_number = 0;
    bool has_epoch = !spec.epoch.empty() && util::parse_uint(spec.epoch, epoch_number);
    std::string license = model::to_spdx_expression(spec.license, model::LicenseDialect::rpm);
    auto locate = [&](std::uint32_t line) {
        return model::Location{location.path, location.layer, line};
    };
    auto rpm_purl = [&](const std::string& name, const std::string& version,
                        const std::string& arch) {
        model::Purl p;
        p.type = "rpm";
        p.namespace_ = ns;
        p.name = name;
        p.version = version;
        if (!arch.empty()) p.qualifiers["arch"] = arch;
        if (!version.empty() && has_epoch && epoch_number > 0) p.qualifiers["epoch"] = spec.epoch;
        return p.to_string();
    };
    std::string evr = has_epoch && epoch_number > 0 ? spec.epoch + ":" + vr : vr;

    model::Component src;
    src.type = model::ComponentType::application;
    src.package_type = "rpm";
    src.name = spec.name;
    src.version = evr;
    src.purl = rpm_purl(spec.name, vr, "src");
    src.arch = "src";
    src.license_declared = license;
    src.homepage = spec.url;
    src.description = spec.summary;
    if (!spec.license.empty()) src.properties["kaiyuan:license:raw"] = spec.license;
    if (has_epoch) src.properties["kaiyuan:rpm:epoch"] = spec.epoch;
    src.properties["kaiyuan:rpm:spec"] = location.path;
    if (!spec.latest_changelog.empty())
        src.properties["kaiyuan:rpm:changelog"] = spec.latest_changelog;
    if (!spec.latest_changelog_cves.empty())
        src.properties["kaiyuan:cves"] = util::join(spec.latest_changelog_cves, " ");
    src.locations.push_back(locate(spec.packages.front().line));
    model::assign_id(src);
    out.components.push_back(src);

    std::map<std::string, std::string> own; // binary package name -> component id
    for (const auto& pkg : spec.packages) {
        model::Component b;
        b.package_type = "rpm";
        b.name = pkg.name;
        b.version = evr;
        b.arch = pkg.build_arch == "noarch" ? "noarch" : "";
        b.purl = rpm_purl(pkg.name, vr, b.arch);
        b.source_name = spec.name;
        b.source_version = evr;
        b.license_declared = model::to_spdx_expression(
            pkg.license.empty() ? spec.license : pkg.license, model::LicenseDialect::rpm);
        b.description = pkg.summary;
        if (has_epoch) b.properties["kaiyuan:rpm:epoch"] = spec.epoch;
        b.locations.push_back(locate(pkg.line));
        model::assign_id(b);
        own[pkg.name] = b.id;
        out.relationships.push_back({src.id, b.id, model::RelationshipType::contains});
        out.components.push_back(std::move(b));
    }

    auto file_entry = [&](const SpecFileEntry& e, bool patch) {
        model::Component f;
        f.type = model::ComponentType::file;
        f.package_type = patch ? "rpm-patch" : "rpm-source";
        f.name = e.file_name();
        if (e.value.find("://") != std::string::npos) f.download_location = e.value;
        f.properties["kaiyuan:rpm:spec-tag"] = e.tag;
        if (!e.condition.empty()) f.properties["kaiyuan:rpm:condition"] = e.condition;
        if (auto ids = cve_ids(f.name); !ids.empty())
            f.properties["kaiyuan:cves"] = util::join(ids, " ");
        f.locations.push_back(locate(e.line));
        model::assign_id(f);
        out.relationships.push_back({src.id, f.id, model::RelationshipType::contains});
        out.components.push_back(std::move(f));
    };
    for (const auto& e : spec.sources)
        file_entry(e, false);
    for (const auto& e : spec.patches)
        file_entry(e, true);

    // Required packages: one component per name, whoever requires it.
    std::map<std::string, std::size_t> required;
    std::map<std::string, int> strongest; // runtime 3, optional 2, build 1
    auto require = [&](const std::string& from, const SpecRequirement& r) {
        if (auto it = own.find(r.name); it != own.end()) {
            if (it->second != from)
                out.relationships.push_back(
                    {from, it->second, model::RelationshipType::depends_on});
            return;
        }
        // runtime 3 over optional 2 over build 1: the strongest way it is required wins.
        int rank = r.kind == "BuildRequires"                        ? 1
                   : r.kind == "Recommends" || r.kind == "Suggests" ? 2
                                                                    : 3;
        auto [it, fresh] = required.emplace(r.name, out.components.size());
        if (fresh) {
            model::Component c;
            c.package_type = "rpm";
            c.name = r.name;
            c.purl = rpm_purl(r.name, "", "");
            c.locations.push_back(locate(r.line));
            model::assign_id(c);
            out.components.push_back(std::move(c));
        }
        model::Component& c = out.components[it->second];
        // Each constraint and each kind once, matched whole: ">= 1" is not part of ">= 1.2", nor
        // "Requires" of "BuildRequires".
        auto add_once = [](std::string& list, const std::string& item, std::string_view sep) {
            for (auto existing : util::split(list, sep[0]))
                if (util::trim(existing) == item) return;
            list += (list.empty() ? "" : std::string(sep)) + item;
        };
        if (!r.op.empty())
            add_once(c.properties["kaiyuan:rpm:requirement"], r.op + " " + r.version, ", ");
        add_once(c.properties["kaiyuan:rpm:required-by"], r.kind, " ");
        if (!r.condition.empty()) c.properties["kaiyuan:rpm:condition"] = r.condition;
        int& best = strongest[r.name];
        best = std::max(best, rank);
        // Every requirement is declared by the spec itself: a direct dependency.
        c.properties["kaiyuan:direct"] = "true";
        out.relationships.push_back({from, c.id, model::RelationshipType::depends_on});
    };
    for (const auto& r : spec.build_requires)
        require(src.id, r);
    for (const auto& pkg : spec.packages)
        for (const auto& r : pkg.dependencies)
            require(own[pkg.name], r);
    for (const auto& [name, at] : required)
        if (strongest[name] < 3)
            out.components[at].properties["kaiyuan:scope"] =
                strongest[name] == 2 ? "optional" : "build";
    return out;
}

CatalogResult RpmSpecCataloger::catalog(const std::vector<const FileData*>& files,
                                        const Environments&) const {
    CatalogResult out;
    for (const FileData* f : files) {
        auto spec = parse_spec(f->data, f->location());
        if (!spec) {
            out.diagnostics.push_back(
                {model::Severity::warning, f->location(), spec.error().message});
            continue;
        }
        out.append(spec_components(*spec, f->location()));
    }
    return out;
}

} // namespace kaiyuan::catalog::rpm
