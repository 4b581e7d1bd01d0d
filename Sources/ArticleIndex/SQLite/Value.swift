import Foundation

/// A value bound to a statement parameter.
public enum Value {
    case int(Int64), text(String), real(Double), null
}
