#pragma once
/// Who works for whom: the identities file of `kaiyuan community --identities FILE` (YAML):
///   people:
///     - name: Jane Doe
///       emails: [jane@example.org, jane@old.example]
///       organizations:
///         - {name: Example Corp, from: 2019-03-01, until: 2022-06-30}
///         - {name: Independent, from: 2022-07-01}
///   bots: [ci@example.org, Build Robot]        # names or emails that are bots
///   domains: {example.org: Example Corp}       # email domains -> organisations
/// Without a file, or for people it does not list, a person's organisation is their email's
/// domain (the registrable part: mail.example.co.uk -> example.co.uk), unless it is a public
/// mail provider, a noreply address or no domain at all: then they are unaffiliated.
#include "kaiyuan/community/mailmap.hpp"
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kaiyuan::community {

struct Enrollment {
    std::string organization;
    std::int64_t from = 0, until = 0; ///< seconds since the epoch; 0: open
};

struct Person {
    std::string name;
    std::vector<std::string> emails; ///< lower case
    std::vector<Enrollment> organizations;
};

/// The name under which unaffiliated contributions are counted.
inline constexpr const char* k_unaffiliated = "(unaffiliated)";

class Identities {
public:
    /// Reads the file; errors name the file and line.
    static Result<Identities> read(std::string_view text, const std::string& path);
    static Result<Identities> read_file(const std::string& path);

    /// The person listed with `email` (case-insensitive), or null.
    const Person* person_of(std::string_view email) const;
    /// Whether the file names this identity a bot.
    bool is_listed_bot(const Identity& who) const;
    /// The organisation of `email`'s owner at `time`: an enrollment of a listed person, else
    /// the file's domain map, else the email's domain, else k_unaffiliated.
    std::string organization(std::string_view email, std::int64_t time) const;

    const std::vector<Person>& people() const { return m_people; }

private:
    std::vector<Person> m_people;
    std::map<std::string, std::size_t> m_by_email;
    std::set<std::string> m_bots; ///< lower-cased names and emails
    std::map<std::string, std::string> m_domains;
};

/// The organisation an email's domain stands for, or k_unaffiliated: "jane@mail.example.org" ->
/// "example.org"; gmail.com, qq.com, users.noreply.github.com ... -> unaffiliated.
std::string organization_of_domain(std::string_view email);

} // namespace kaiyuan::community
