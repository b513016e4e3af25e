import Foundation

/// The short form of a health unit's name for a narrow table, by the abbreviations Thai health
/// services write themselves (รพ.สต., รพ., สอ. …). Only the kind of unit is shortened, never
/// the place name, and the hcode that follows the name is left as it is, so two units never
/// read the same.
public enum UnitName {
    /// Longest first: โรงพยาบาลส่งเสริมสุขภาพตำบล must not become รพ.ส่งเสริม…
    static let abbreviations: [(long: String, short: String)] = [
        ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต."),
        ("สำนักงานสาธารณสุขจังหวัด", "สสจ."),
        ("สำนักงานสาธารณสุขอำเภอ", "สสอ."),
        ("ศูนย์บริการสาธารณสุข", "ศบส."),
        ("ศูนย์สุขภาพชุมชน", "ศสช."),
        ("สถานีอนามัย", "สอ."),
        ("โรงพยาบาล", "รพ."),
        ("Health Promoting Hospital", "HPH"),
        ("Hospital", "Hosp."),
    ]

    /// `name` with each known kind of unit written short, e.g. "โรงพยาบาลคลองหาด (10866)" →
    /// "รพ.คลองหาด (10866)".
    public static func abbreviated(_ name: String) -> String {
        var s = name
        for (long, short) in abbreviations { s = s.replacingOccurrences(of: long, with: short) }
        return s
    }
}
