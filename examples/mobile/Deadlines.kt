// A worker's deadlines from a sample history, on the JVM through the mobile binding
// (bindings-mobile). scripts/test-mobile compiles and runs it against
// target/mobile/shegong-mobile.jar:
//   java -cp shegong-mobile.jar:kotlin-stdlib.jar:jna.jar:. DeadlinesKt
import org.shegong.Calendar
import org.shegong.Case
import org.shegong.ObligationStatus
import org.shegong.RuleSet
import org.shegong.ShegongException

/** One event of the sample history, in the core's JSON form. */
fun event(at: String, actor: String, role: String, body: String) =
    """{"occurred_at":"$at","recorded_at":"$at","actor":{"id":"$actor","role":"$role"},"event":$body}"""

fun main() {
    val case = Case.start(event("2026-03-02T09:00:00+08:00", "w-li", "worker",
        """{"type":"received","case_number":"SZ-2026-0007","channel":"in_person","topic":"居家养老",
            "client":{"id":"c-1","name":"王阿姨","date_of_birth":"1950-05-01"},"source":{"kind":"voluntary"}}"""))
    case.apply(event("2026-03-02T10:00:00+08:00", "w-li", "worker",
        """{"type":"consultation_held","summary":"咨询面谈","topic":""}"""))
    case.apply(event("2026-03-02T10:30:00+08:00", "w-li", "worker",
        """{"type":"rights_informed","how":"oral","summary":"介绍申请及退出机制"}"""))
    case.apply(event("2026-03-03T09:00:00+08:00", "w-li", "worker",
        """{"type":"intake_accepted","summary":"接案"}"""))
    case.apply(event("2026-03-03T09:30:00+08:00", "c-1", "client",
        """{"type":"consent_given","consent":{"id":"k-service","capacity":"client","given_by":"王阿姨",
            "purpose":{"kind":"service"},"scope":"个案服务"}}"""))
    case.apply(event("2026-03-03T10:00:00+08:00", "w-li", "worker", """{"type":"opened","summary":"开案"}"""))
    case.apply(event("2026-03-05T10:00:00+08:00", "w-li", "worker", """{"type":"opening_submitted","supervisor":"s-zhang"}"""))

    // A refused event is a typed exception carrying the rule ID, and changes nothing.
    try {
        case.apply(event("2026-03-01T09:00:00+08:00", "w-li", "worker", """{"type":"opened","summary":"again"}"""))
    } catch (e: ShegongException) {
        println("refused (${e.code()}, rule ${e.ruleId()}): ${e.reason()}")
    }

    val now = "2026-03-12T09:00:00+08:00"
    println("case ${case.number()} at stage ${case.stage()}, as of $now:")
    for (o in RuleSet.preset().obligations(case, Calendar.china(), now)) {
        val status = when (val s = o.status) {
            is ObligationStatus.Pending -> "pending"
            is ObligationStatus.AtRisk -> "at risk, ${s.workingDaysLeft} working day(s) left"
            is ObligationStatus.Overdue -> "overdue by ${s.days} day(s)"
            is ObligationStatus.Met -> if (s.onTime) "met on ${s.on}" else "met late on ${s.on}"
            is ObligationStatus.Released -> "released on ${s.on}"
            is ObligationStatus.NotComputable -> "not computable: ${s.reason}"
        }
        println("  [${o.rule}] ${o.owed} (${o.owner}) due ${o.dueDate ?: o.dueAt}: $status")
    }
}
