#include "kaiyuan/community/identities.hpp"

#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <array>
#include <ctime>

namespace kaiyuan::community {

namespace {

/// Mail providers whose users belong to no organisation by their address.
constexpr std::array k_public_domains{"gmail.com",
                                      "googlemail.com",
                                      "outlook.com",
                                      "hotmail.com",
                                      "live.com",
                                      "msn.com",
                                      "yahoo.com",
                                      "yahoo.co.jp",
                                      "icloud.com",
                                      "me.com",
                                      "mac.com",
                                      "aol.com",
                                      "protonmail.com",
                                      "proton.me",
                                      "gmx.de",
                                      "gmx.net",
                                      "web.de",
                                      "mail.ru",
                                      "yandex.ru",
                                      "yandex.com",
                                      "qq.com",
                                      "foxmail.com",
                                      "163.com",
                                      "126.com",
                                      "sina.com",
                                      "aliyun.com",
                                      "hey.com",
                                      "fastmail.com",
                                      "posteo.de",
                                      "tutanota.com",
                                      "zoho.com",
                                      "example.com",
                                      "localhost",
                                      "localdomain",
                                      "users.noreply.github.com",
                                      "noreply.github.com",
                                      "users.noreply.gitee.com",
                                      "noreply.gitee.com"};

/// Second-level labels under which registries sell names ("co.uk", "com.cn").
constexpr std::array k_second_levels{"co", "com", "org", "net", "ac", "edu", "gov", "or", "ne"};

Result<std::int64_t> date(const util::YamlNode& node, const std::string& path) {
    std::tm tm{};
    if (node.value.size() != 10 || !strptime(node.value.c_str(), "%Y-%m-%d", &tm))
        return fail(path + ":" + std::to_string(node.line) + ": '" + node.value +
                    "' is not a date (YYYY-MM-DD)");
    return static_cast<std::int64_t>(timegm(&tm));
}

} // namespace

std::string organization_of_domain(std::string_view email) {
    auto at = email.rfind('@');
    if (at == std::string_view::npos || at + 1 >= email.size()) return k_unaffiliated;
    std::string domain = util::to_lower(email.substr(at + 1));
    for (const char* p : k_public_domains)
        if (domain == p || domain.ends_with(std::string(".") + p)) return k_unaffiliated;
    if (domain.find('.') == std::string::npos) return k_unaffiliated;
    auto labels = util::split(domain, '.');
    std::size_t keep = 2;
    if (labels.size() >= 3 && labels.back().size() == 2)
        for (const char* s : k_second_levels)
            if (labels[labels.size() - 2] == s) keep = 3;
    if (labels.size() <= keep) return domain;
    std::string out;
    for (std::size_t i = labels.size() - keep; i < labels.size(); ++i)
        out += (out.empty() ? "" : ".") + std::string(labels[i]);
    return out;
}

Result<Identities> Identities::read(std::string_view text, const std::string& path) {
    auto doc = util::parse_yaml(text);
    if (!doc) return fail(path + ": " + doc.error().message);
    Identities ids;
    if (doc->kind == util::YamlNode::Kind::null) return ids;
    if (!doc->is_mapping()) return fail(path + ": an identities file is a mapping (people, ...)");
    auto at = [&](std::uint32_t line) { return path + ":" + std::to_string(line) + ": "; };
    auto scalars = [&](const util::YamlNode& node,
                       const char* what) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        if (node.kind == util::YamlNode::Kind::scalar) return std::vector{node.value};
        if (node.kind != util::YamlNode::Kind::sequence)
            return fail(at(node.line) + what + " is a list");
        for (const auto& item : node.items) {
            if (item.kind != util::YamlNode::Kind::scalar)
                return fail(at(item.line) + "an entry of " + what + " is a single value");
            out.push_back(item.value);
        }
        return out;
    };
    for (const auto& [key, node] : doc->entries) {
        if (key == "people") {
            if (node.kind != util::YamlNode::Kind::sequence)
                return fail(at(node.line) + "people is a list");
            for (const auto& p : node.items) {
                if (!p.is_mapping()) return fail(at(p.line) + "a person is a mapping (name, ...)");
                Person person;
                for (const auto& [k, v] : p.entries) {
                    if (k == "name") {
                        person.name = v.value;
                    } else if (k == "emails" || k == "email") {
                        auto list = scalars(v, "emails");
                        if (!list) return unexpected(list.error());
                        for (auto& e : *list)
                            person.emails.push_back(util::to_lower(util::trim(e)));
                    } else if (k == "organizations" || k == "organization") {
                        if (v.kind == util::YamlNode::Kind::scalar) {
                            person.organizations.push_back({v.value, 0, 0});
                            continue;
                        }
                        if (v.kind != util::YamlNode::Kind::sequence)
                            return fail(at(v.line) + "organizations is a list");
                        for (const auto& o : v.items) {
                            Enrollment e;
                            if (o.kind == util::YamlNode::Kind::scalar) {
                                e.organization = o.value;
                            } else if (o.is_mapping()) {
                                for (const auto& [ok, ov] : o.entries) {
                                    if (ok == "name") {
                                        e.organization = ov.value;
                                    } else if (ok == "from" || ok == "until") {
                                        auto d = date(ov, path);
                                        if (!d) return unexpected(d.error());
                                        (ok == "from" ? e.from : e.until) = *d;
                                    } else {
                                        return fail(at(ov.line) + "unknown key '" + ok +
                                                    "' in an organization (name, from, until)");
                                    }
                                }
                            }
                            if (e.organization.empty())
                                return fail(at(o.line) + "an organization needs its name");
                            person.organizations.push_back(std::move(e));
                        }
                    } else {
                        return fail(at(v.line) + "unknown key '" + k +
                                    "' in a person (name, emails, organizations)");
                    }
                }
                if (person.emails.empty())
                    return fail(at(p.line) + "a person needs at least one email");
                for (const auto& e : person.emails)
                    ids.m_by_email[e] = ids.m_people.size();
                ids.m_people.push_back(std::move(person));
            }
        } else if (key == "bots") {
            auto list = scalars(node, "bots");
            if (!list) return unexpected(list.error());
            for (auto& b : *list)
                ids.m_bots.insert(util::to_lower(util::trim(b)));
        } else if (key == "domains") {
            if (!node.is_mapping())
                return fail(at(node.line) + "domains maps email domains to organisations");
            for (const auto& [domain, org] : node.entries)
                ids.m_domains[util::to_lower(domain)] = org.value;
        } else {
            return fail(at(node.line) + "unknown key '" + key + "' (people, bots, domains)");
        }
    }
    return ids;
}

Result<Identities> Identities::read_file(const std::string& path) {
    auto text = util::read_file(path, 16u << 20);
    if (!text) return unexpected(text.error());
    return read(*text, path);
}

const Person* Identities::person_of(std::string_view email) const {
    auto it = m_by_email.find(util::to_lower(email));
    return it == m_by_email.end() ? nullptr : &m_people[it->second];
}

bool Identities::is_listed_bot(const Identity& who) const {
    return m_bots.count(util::to_lower(util::trim(who.name))) ||
           m_bots.count(util::to_lower(who.email));
}

std::string Identities::organization(std::string_view email, std::int64_t time) const {
    if (const Person* p = person_of(email))
        for (const auto& e : p->organizations)
            if ((e.from == 0 || time >= e.from) && (e.until == 0 || time < e.until + 86400))
                return e.organization;
    auto at = email.rfind('@');
    if (at != std::string_view::npos) {
        std::string domain = util::to_lower(email.substr(at + 1));
        for (std::string d = domain;;) {
            if (auto it = m_domains.find(d); it != m_domains.end()) return it->second;
            auto dot = d.find('.');
            if (dot == std::string::npos) break;
            d = d.substr(dot + 1);
        }
    }
    return organization_of_domain(email);
}

} // namespace kaiyuan::community
