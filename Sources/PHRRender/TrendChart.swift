import PHRModel

/// A trend drawn with Unicode braille (2×4 dots per character cell) in a plain terminal:
/// one or two series over time, y-axis labels, and horizontal reference lines (e.g. the
/// 140/90 mmHg hypertension thresholds) drawn as `┄` where no dot falls.
public struct TrendChart: Sendable {
    /// A point: x is any increasing measure (days), y the value.
    public typealias Point = (x: Double, y: Double)

    public var width: Int
    public var height: Int

    /// `width` × `height` character cells for the plot area (axis labels come on top of width).
    public init(width: Int = 60, height: Int = 10) {
        self.width = max(10, width)
        self.height = max(3, height)
    }

    /// The chart as lines: `series` plotted together as dots, `marked` points as the character
    /// `mark` in their cell (another source, told apart in the legend), `references` as
    /// labelled rules, `xLabels` (first, last) under the plot.
    public func render(series: [[Point]], marked: [Point] = [], mark: Character = "h", references: [Double], xLabels: (String, String),
                       unit: String) -> String {
        let points = series.flatMap { $0 }
        let all = points + marked
        guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max() else { return "" }
        let ys = all.map(\.y) + references
        var lo = ys.min()!, hi = ys.max()!
        let margin = max(1, (hi - lo) * 0.05)
        lo -= margin; hi += margin
        let dotsX = width * 2, dotsY = height * 4
        var dots = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: height)
        func dotRow(_ y: Double) -> Int { min(dotsY - 1, max(0, Int(((hi - y) / (hi - lo)) * Double(dotsY - 1) + 0.5))) }
        func dotCol(_ x: Double) -> Int { maxX == minX ? dotsX / 2 : min(dotsX - 1, Int((x - minX) / (maxX - minX) * Double(dotsX - 1) + 0.5)) }
        // Braille bit for (column 0/1, row 0...3) inside a cell.
        let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        for p in points {
            let r = dotRow(p.y), c = dotCol(p.x)
            dots[r / 4][c / 2] |= bits[c % 2][r % 4]
        }
        var marks = Set<Int>()
        for p in marked { marks.insert(dotRow(p.y) / 4 * width + dotCol(p.x) / 2) }
        let referenceRows = Dictionary(references.map { (dotRow($0) / 4, $0) }, uniquingKeysWith: { a, _ in a })
        let labelWidth = max(String(Int(hi.rounded())).count, String(Int(lo.rounded())).count) + 1
        var lines: [String] = []
        for row in 0..<height {
            let value = hi - (Double(row * 4) + 1.5) / Double(dotsY - 1) * (hi - lo)
            var label = ""
            if let ref = referenceRows[row] { label = RecordText.number(ref, digits: 0) }
            else if row == 0 || row == height - 1 { label = RecordText.number(value.rounded(), digits: 0) }
            var line = String(repeating: " ", count: max(0, labelWidth - label.count)) + label + " ┤"
            for col in 0..<width {
                let cell = dots[row][col]
                if marks.contains(row * width + col) { line.append(mark) }
                else if cell == 0, referenceRows[row] != nil { line += "┄" }
                else { line += cell == 0 ? " " : String(UnicodeScalar(0x2800 + UInt32(cell))!) }
            }
            lines.append(line)
        }
        let pad = String(repeating: " ", count: labelWidth + 2)
        let gap = max(1, width - TextWidth.columns(xLabels.0) - TextWidth.columns(xLabels.1))
        lines.append(pad + xLabels.0 + String(repeating: " ", count: gap) + xLabels.1)
        lines += TextWidth.wrap(unit, width).map { pad + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RecordText {
    /// Blood pressure (systolic and diastolic, with the 140/90 mmHg thresholds) and weight over
    /// time, oldest left. Empty when there are no such vital signs. Flagged measurements (a
    /// doubtful date or value) are not drawn; the legend says how many were left out. The
    /// citizen's home readings (``homeReadings``) are drawn in the same chart as `h`, and the
    /// legend says so.
    public func charts(_ vitals: [Vital]) -> String {
        let drawable = vitals.filter(\.flags.isEmpty)
        let dated = drawable.compactMap { v in v.takenAt.trusted.map { (Double($0.dayNumber), v, $0) } }.sorted { $0.0 < $1.0 }
        let home = homeBloodPressures
        let times = dated.map(\.2) + home.map(\.takenAt)
        guard let first = times.min(), let last = times.max() else { return "" }
        let left = vitals.count - drawable.count
        let leftOut = left == 0 ? "" : t("; \(left) flagged not drawn", "; ไม่แสดง \(left) รายการที่น่าสงสัย")
        let chart = TrendChart(width: max(20, options.width - 8), height: 10)
        let span = (dates.text(first, time: false), dates.text(last, time: false))
        var out = ""
        let systolic = dated.compactMap { d in d.1.systolic.map { (x: d.0, y: $0) } }
        let diastolic = dated.compactMap { d in d.1.diastolic.map { (x: d.0, y: $0) } }
        let homePoints = home.flatMap { bp in [bp.systolic, bp.diastolic].compactMap { $0.map { (x: Double(bp.takenAt.dayNumber), y: $0) } } }
        if !systolic.isEmpty || !diastolic.isEmpty || !homePoints.isEmpty {
            let homeLegend = home.isEmpty ? "" : t("; h = your home readings (\(home.count)), dots = clinics'", "; h = วัดเองที่บ้าน (\(home.count) ครั้ง) จุด = จากหน่วยบริการ")
            out += bold(t("Blood pressure", "ความดันโลหิต")) + "\n"
            out += chart.render(series: [systolic, diastolic], marked: homePoints, references: [140, 90], xLabels: span,
                                unit: t("mmHg; upper dots systolic, lower diastolic; ┄ 140/90 = high", "มม.ปรอท; จุดบน = ตัวบน, จุดล่าง = ตัวล่าง; ┄ 140/90 = สูง") + homeLegend + leftOut)
        }
        let weight = dated.compactMap { d in d.1.weightKg.map { (x: d.0, y: $0) } }
        let homeWeight = homeReadings.filter { $0.observation.measure == .weight }.map { (x: Double($0.observation.takenAt.dayNumber), y: $0.observation.value) }
        if !weight.isEmpty || !homeWeight.isEmpty {
            let xs = weight.map(\.x) + homeWeight.map(\.x)
            let weightSpan = (dates.text(CivilDateTime(dayNumber: Int(xs.min()!)), time: false), dates.text(CivilDateTime(dayNumber: Int(xs.max()!)), time: false))
            let homeLegend = homeWeight.isEmpty ? "" : t("; h = your home readings (\(homeWeight.count)), dots = clinics'", "; h = วัดเองที่บ้าน (\(homeWeight.count) ครั้ง) จุด = จากหน่วยบริการ")
            out += "\n" + bold(t("Weight", "น้ำหนัก")) + "\n"
            out += TrendChart(width: chart.width, height: 6).render(series: [weight], marked: homeWeight, references: [], xLabels: weightSpan,
                                                                    unit: t("kg", "กก.") + homeLegend)
        }
        return out
    }
}
