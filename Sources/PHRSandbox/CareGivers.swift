import Foundation
import PHRModel
import PHRWire

/// `WebApp?Action=CareGiver`: the caregiver relations between seeded citizens, a mother for her
/// children (SPEC.md: `mode=1` who cares for this cid, `mode=2`, the default, whom this cid cares
/// for; the rows are defined here, docs/sandbox.md).
enum CareGivers {
    /// The rows for `cid` in `mode` ("1" or "2"), each naming the other person.
    static func rows(of cid: String, mode: String, in directory: CitizenDirectory) -> [CareGiverRow] {
        guard let me = directory.profile(cid) else { return [] }
        if mode == "1" {
            return me.mother.flatMap { directory.profile($0.digits) }.map { [row(naming: $0, child: me)] } ?? []
        }
        return directory.profiles.filter { $0.mother == me.cid }.map { row(naming: $0, child: $0) }
    }

    /// A row naming `other`; the relation was verified at the child's home unit on the day the
    /// child was born (the mother registered at the birth).
    static func row(naming other: CitizenProfile, child: CitizenProfile) -> CareGiverRow {
        var row = CareGiverRow()
        row.cid = other.cid.digits
        row.prefix = other.nameTH.prefix
        row.firstName = other.nameTH.first
        row.lastName = other.nameTH.last
        row.birthDate = CivilDateTime(year: other.birthDate.year, month: other.birthDate.month, day: other.birthDate.day).iso
        row.gender = other.gender
        row.relationshipCode = "1"
        row.relationshipText = "บุคคลในครอบครัวเดียวกัน"
        row.organizationCode = Person(child).homeUnit.code
        row.verifiedDate = CivilDateTime(year: child.birthDate.year, month: child.birthDate.month, day: child.birthDate.day).iso
        return row
    }
}
