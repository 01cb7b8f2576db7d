// Marker: PEP 508 environment markers evaluated with three-valued logic, so that a
// lockfile's dependency edges can be kept or dropped without knowing the whole target
// environment. A comparison of a variable the environment does not pin (`sys_platform`,
// `platform_machine`...) is Unknown, and Unknown survives `and`/`or` unless the other side
// decides (`False and Unknown` is False, `True or Unknown` is True). Callers keep an edge
// unless its marker is definitely False.
//
//   MarkerEnvironment env{.extra = "socks", .pythons = pythonsAllowedBy({"CPython==3.11.*"})};
//   evaluateMarker("python_version < '3.8' or extra == 'socks'", env);  // Truth::True
//   markerExtras("extra == \"Speed_Ups\"");                             // {"speed-ups"}
#pragma once

#include "core/lockfile/pep440.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::lockfile {

enum class Truth { False, True, Unknown };

/// What is known about the environment a marker is evaluated in.
struct MarkerEnvironment {
    /// The extra being installed, normalized (PEP 685); "" when none.
    std::string extra;
    /// Interpreter versions the lockfile is valid for (full versions, e.g. 3.11.0 ...
    /// 3.11.30); empty when unknown, which makes python_version comparisons Unknown.
    std::vector<Version> pythons;
    /// Values of the other marker variables (`sys_platform`, `platform_machine`,
    /// `implementation_name`...) when the environment is one real interpreter; a variable
    /// not listed compares as Unknown.
    std::map<std::string, std::string, std::less<>> variables;
};

/// Evaluates `marker`. Malformed markers are Unknown.
Truth evaluateMarker(std::string_view marker, const MarkerEnvironment &env);

/// The extras compared with `extra == "x"` (either side) in `marker`, normalized, unique,
/// in order of appearance.
std::vector<std::string> markerExtras(std::string_view marker);

/// True when `version` satisfies one PEP 440 specifier clause (`>=3.8`, `==3.11.*`,
/// `~=3.9`, `!=3.10.1`); false for clauses that do not parse.
bool matchesSpecifier(const Version &version, std::string_view clause);

/// The interpreter versions X.Y.Z (2.7.z and 3.0.z to 3.30.z, z up to 30) allowed by any
/// of Pants' interpreter constraints (`CPython==3.11.*`, `>=3.8,<3.12`, `CPython>=3.9`);
/// empty when the list is empty or a constraint does not parse.
std::vector<Version> pythonsAllowedBy(const std::vector<std::string> &constraints);

/// The parts of a PEP 508 requirement string that a lockfile graph needs.
struct RequirementParts {
    std::string name;                ///< normalized; "" when the string does not parse
    std::vector<std::string> extras; ///< normalized, as requested (`name[a,b]`)
    std::string marker;              ///< the text after `;`, trimmed; "" when none
};

/// Splits `requirement` into name, extras and marker.
RequirementParts splitRequirement(std::string_view requirement);

} // namespace trellis::lockfile
