import Foundation
import PHRModel

/// One line of `phr measure list`: a home reading (its values grouped by reading) or a clinic's
/// vital signs, newest first.
public struct MeasureRow: Sendable, Equatable {
    public var takenAt: CivilDateTime
    /// True for a home reading, false for a clinic's.
    public var home: Bool
    /// The unit, for a clinic reading.
    public var provenance: Provenance?
    public var values: [SelfMeasure: Double]
    /// A home reading: whether the ministry has every value of it; nil for a clinic's.
    public var sent: Bool?

    /// Home readings (values of one reading together) and clinic vital signs, newest first.
    /// Clinic rows whose date is doubtful are left to `phr show vitals`, which shows them as sent.
    public static func merge(home: [HomeObservation], clinic: [Vital]) -> [MeasureRow] {
        var byReading: [String: MeasureRow] = [:]
        for h in home {
            let o = h.observation
            var row = byReading[o.readingID] ?? MeasureRow(takenAt: o.takenAt, home: true, provenance: nil, values: [:], sent: true)
            row.values[o.measure] = o.value
            row.sent = (row.sent ?? true) && h.sentAt != nil
            byReading[o.readingID] = row
        }
        let clinicRows = clinic.compactMap { v -> MeasureRow? in
            guard let at = v.takenAt.trusted else { return nil }
            var values: [SelfMeasure: Double] = [:]
            values[.systolic] = v.systolic; values[.diastolic] = v.diastolic; values[.pulse] = v.pulse
            values[.weight] = v.weightKg; values[.temperature] = v.temperatureC
            return values.isEmpty ? nil : MeasureRow(takenAt: at, home: false, provenance: v.provenance, values: values, sent: nil)
        }
        return (Array(byReading.values) + clinicRows).sorted { $0.takenAt > $1.takenAt }
    }

    /// The rows as JSON: `[{taken_at, source, values: {measure: value}, sent}]`, `source` being
    /// `home` or the unit's hcode, `sent` null for a clinic's row.
    public static func json(_ rows: [MeasureRow]) -> Data {
        let list: [[String: Any]] = rows.map { row in
            ["taken_at": row.takenAt.iso, "source": row.home ? "home" : row.provenance?.unit?.value ?? "",
             "values": Dictionary(uniqueKeysWithValues: row.values.map { ($0.key.rawValue, $0.value) }),
             "sent": row.sent.map { $0 as Any } ?? NSNull()]
        }
        return (try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])) ?? Data("[]".utf8)
    }
}

extension RecordText {
    /// `phr measure list`: home and clinic readings in one table, each row marked home or with
    /// its unit; a home reading not yet sent says so.
    public func measureTable(_ rows: [MeasureRow]) -> String {
        func v(_ row: MeasureRow, _ m: SelfMeasure) -> String { row.values[m].map(CanonicalJSON.format) ?? "" }
        let table = Table(columns: [.init(t("Date", "วันที่")), .init(t("Source", "ที่มา"), flexible: true),
                                    .init(t("BP", "ความดัน"), alignRight: true), .init(t("Pulse", "ชีพจร"), alignRight: true),
                                    .init(t("Glucose", "น้ำตาล"), alignRight: true), .init(t("Weight", "น้ำหนัก"), alignRight: true),
                                    .init(t("Temp", "อุณหภูมิ"), alignRight: true), .init("SpO2", alignRight: true)],
                          rows: rows.map { row in
                              let bp = row.values[.systolic] != nil || row.values[.diastolic] != nil ? v(row, .systolic) + "/" + v(row, .diastolic) : ""
                              let glucose = row.values[.fastingGlucose].map { CanonicalJSON.format($0) + t(" fasting", " อดอาหาร") } ?? v(row, .glucose)
                              let source = row.home
                                  ? t("home", "วัดเองที่บ้าน") + (row.sent == false ? t(" (not sent yet)", " (ยังไม่ได้ส่ง)") : "")
                                  : row.provenance.map(unit) ?? ""
                              return [dates.text(row.takenAt), source, bp, v(row, .pulse), glucose, v(row, .weight), v(row, .temperature), v(row, .spo2)]
                          })
        let units = t("Units: BP mmHg, pulse /min, glucose mg/dL, weight kg, temperature °C, SpO2 %.",
                      "หน่วย: ความดัน mmHg ชีพจร ครั้ง/นาที น้ำตาล mg/dL น้ำหนัก กก. อุณหภูมิ °C SpO2 %")
        return table.render(width: options.width) + units + "\n"
    }

    /// One visit in a line, for a confirmation: its date, unit and complaint.
    public func visitLine(_ e: Encounter) -> String {
        [dates.text(e.start), unit(e.provenance), clean(e.chiefComplaint, 60)].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// `phr report-visit --list`: the visits reported from this computer, and the ministry's count.
    public func visitReportList(_ reports: [VisitReport], serverCount: Int) -> String {
        let table = Table(columns: [.init(t("Visit", "ครั้งที่มา")), .init(t("Reported", "วันที่แจ้ง")), .init(t("Reason", "เหตุผล"), flexible: true)],
                          rows: reports.map { [clean($0.visit, 60), dates.text(CivilDateTime.from($0.reportedAt)), clean($0.reason, 300)] })
        return (reports.isEmpty ? t("No visit reported from this computer.\n", "ยังไม่ได้แจ้งการมารับบริการใดจากเครื่องนี้\n") : table.render(width: options.width))
            + t("The ministry counts \(serverCount) of your visits as reported.\n", "กระทรวงสาธารณสุขนับการมารับบริการที่แจ้งว่าไม่ถูกต้องได้ \(serverCount) ครั้ง\n")
    }
}

extension RecordText {
    /// `phr show appointments`: upcoming first (soonest at the top), then past ones, newest first;
    /// a cancelled or unconfirmed one keeps its place, marked after its time.
    public func appointmentTable(_ appointments: [Appointment], now: CivilDateTime) -> String {
        guard !appointments.isEmpty else { return t("No appointments.\n", "ไม่มีนัดหมาย\n") }
        let upcoming = appointments.filter { ($0.start.plausible ?? now) >= now }.sorted { ($0.start.plausible ?? now) < ($1.start.plausible ?? now) }
        let past = appointments.filter { ($0.start.plausible ?? now) < now }.sorted { ($0.start.plausible ?? now) > ($1.start.plausible ?? now) }
        let table = Table(columns: [.init(t("When", "วันเวลา")), unitColumn, .init(t("Clinic", "คลินิก")),
                                    .init(t("Reason", "เหตุผล"), flexible: true), .init(t("Bring / do", "การเตรียมตัว"), flexible: true, optional: true)],
                          rows: (upcoming + past).map { a in
                              [dates.text(a.start) + (past.contains(a) ? t(" (past)", " (ผ่านแล้ว)") : "") + statusMark(a.status),
                               unit(Provenance(unit: a.unit, unitName: a.unitName, action: "Appointment", fetchedAt: Date())),
                               clean(a.clinic, 40), clean(a.reason, 200), clean(a.instruction, 200)]
                          })
        return table.render(width: options.width)
    }

    /// After an appointment's time: nothing when confirmed, else what the unit said.
    func statusMark(_ status: AppointmentStatus) -> String {
        switch status {
        case .confirmed: return ""
        case .cancelled: return t(" ✗ CANCELLED", " ✗ ยกเลิกแล้ว")
        case .tentative(let text): return t(" (not confirmed: ", " (ยังไม่ยืนยัน: ") + clean(text, 30) + ")"
        }
    }

    /// `phr show caregivers`: both directions, each person with the way the relation goes.
    public func careTable(_ relations: [CareRelation], fullCID: Bool) -> String {
        guard !relations.isEmpty else { return t("No caregiver relations.\n", "ไม่มีข้อมูลผู้ดูแล\n") }
        let table = Table(columns: [.init(t("Direction", "ความสัมพันธ์")), .init(t("Name", "ชื่อ"), flexible: true), .init(t("Citizen ID", "เลขประจำตัวประชาชน")),
                                    .init(t("Born", "วันเกิด")), .init(t("Relation", "ประเภท"), flexible: true, optional: true)],
                          rows: relations.map { r in
                              [r.caresForCitizen ? t("cares for you", "ดูแลคุณ") : t("in your care", "คุณเป็นผู้ดูแล"), clean(r.name.display, 80),
                               fullCID ? r.cid.formatted : r.cid.masked, dates.text(r.birthDate, time: false), clean(r.relation, 60)]
                          })
        return table.render(width: options.width)
    }
}

/// A home blood-pressure reading: the values of one `phr measure add bp`.
public struct HomeBloodPressure: Sendable, Equatable {
    public var takenAt: CivilDateTime
    public var systolic: Double?
    public var diastolic: Double?
}

extension RecordText {
    /// The home readings with a blood pressure, newest first.
    public var homeBloodPressures: [HomeBloodPressure] {
        var byReading: [String: HomeBloodPressure] = [:]
        for h in homeReadings where h.observation.measure == .systolic || h.observation.measure == .diastolic {
            let o = h.observation
            var bp = byReading[o.readingID] ?? HomeBloodPressure(takenAt: o.takenAt, systolic: nil, diastolic: nil)
            if o.measure == .systolic { bp.systolic = o.value } else { bp.diastolic = o.value }
            byReading[o.readingID] = bp
        }
        return byReading.values.sorted { $0.takenAt > $1.takenAt }
    }

    /// The summary's "Latest BP" when the citizen has home readings (otherwise "Last vitals"
    /// says it): the newest blood pressure, home or clinic, saying which; after a clinic's, the
    /// latest home one too. Nil without home blood pressures.
    func latestBloodPressureLine(_ r: HealthRecord) -> String? {
        guard let home = homeBloodPressures.first else { return nil }
        func value(_ s: Double?, _ d: Double?) -> String {
            (s.map { Self.number($0) } ?? "?") + "/" + (d.map { Self.number($0) } ?? "?") + t(" mmHg", " มม.ปรอท")
        }
        let homeText = value(home.systolic, home.diastolic) + " — " + dates.text(home.takenAt) + ", "
            + t("home reading (measured by you)", "วัดเองที่บ้าน")
        let clinic = r.vitals.filter { ($0.systolic != nil || $0.diastolic != nil) && $0.flags.isEmpty }
            .compactMap { v in v.takenAt.trusted.map { (v, $0) } }.max { $0.1 < $1.1 }
        guard let (v, at) = clinic, at > home.takenAt else { return homeText }
        return value(v.systolic, v.diastolic) + " — " + dates.text(at) + ", " + unit(v.provenance)
            + t("; latest home reading ", "; วัดเองที่บ้านล่าสุด ") + value(home.systolic, home.diastolic) + " — " + dates.text(home.takenAt)
    }
}
