import Foundation

/// Growth of children along the WHO Child Growth Standards (2006): median length/height and
/// weight by age in months, per sex. A child keeps their own z-score, so they grow along a
/// centile instead of jumping between them.
enum Growth {
    /// Months of the table rows.
    private static let months: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60]
    private static let heightBoys: [Double] = [49.9, 54.7, 58.4, 61.4, 63.9, 65.9, 67.6, 69.2, 70.6, 72.0, 73.3, 74.5, 75.7,
                                               79.1, 82.3, 85.1, 87.1, 91.9, 96.1, 99.9, 103.3, 106.7, 110.0]
    private static let heightGirls: [Double] = [49.1, 53.7, 57.1, 59.8, 62.1, 64.0, 65.7, 67.3, 68.7, 70.1, 71.5, 72.8, 74.0,
                                                77.5, 80.7, 83.7, 85.7, 90.7, 95.1, 99.0, 102.7, 106.2, 109.4]
    private static let weightBoys: [Double] = [3.3, 4.5, 5.6, 6.4, 7.0, 7.5, 7.9, 8.3, 8.6, 8.9, 9.2, 9.4, 9.6,
                                               10.3, 10.9, 11.5, 12.2, 13.3, 14.3, 15.3, 16.3, 17.3, 18.3]
    private static let weightGirls: [Double] = [3.2, 4.2, 5.1, 5.8, 6.4, 6.9, 7.3, 7.6, 7.9, 8.2, 8.5, 8.7, 8.9,
                                                9.6, 10.2, 10.9, 11.5, 12.7, 13.9, 15.0, 16.1, 17.2, 18.2]

    /// Height (cm) at `ageMonths` for a child `z` standard deviations from the median.
    static func height(ageMonths: Double, female: Bool, z: Double) -> Double {
        let median = interpolate(female ? heightGirls : heightBoys, at: ageMonths)
        return median * (1 + 0.037 * z)
    }

    /// Weight (kg) at `ageMonths` for a child `z` standard deviations from the median.
    static func weight(ageMonths: Double, female: Bool, z: Double) -> Double {
        let median = interpolate(female ? weightGirls : weightBoys, at: ageMonths)
        return median * (1 + 0.12 * z)
    }

    private static func interpolate(_ values: [Double], at m: Double) -> Double {
        guard m > 0 else { return values[0] }
        guard let upper = months.firstIndex(where: { $0 >= m }) else {
            // Past five years: about 6 cm and 2 kg a year, from the last row.
            let last = values.count - 1, perMonth = (values[last] - values[last - 4]) / (months[last] - months[last - 4])
            return values[last] + perMonth * (m - months[last])
        }
        let lower = upper - 1
        let f = (m - months[lower]) / (months[upper] - months[lower])
        return values[lower] + f * (values[upper] - values[lower])
    }
}

/// One set of vital signs as a unit's screening station records them.
struct Vitals: Sendable {
    var weight: Double?
    var height: Double?
    var temperature: Double?
    var systolic: Double?
    var diastolic: Double?
    var pulse: Double?
    var respiratoryRate: Double?
    var waist: Double?
    var spo2: Double?
}

/// Normal resting values by age (paediatric and adult references), around which a person's
/// readings vary.
enum NormalVitals {
    /// Resting pulse and breathing rate (/min) at an age in months.
    static func rates(ageMonths: Double) -> (pulse: Double, respiratoryRate: Double) {
        switch ageMonths {
        case ..<12: return (130, 38)
        case ..<36: return (115, 28)
        case ..<72: return (100, 24)
        case ..<144: return (90, 20)
        default: return (76, 18)
        }
    }

    /// A child's systolic/diastolic (mmHg) at an age in years (about the 50th centile).
    static func childBloodPressure(ageYears: Double) -> (Double, Double) {
        (90 + 2 * ageYears, 55 + 1.2 * ageYears)
    }
}
