// The same worker's deadlines from plain Java: the JAR's Kotlin classes are called like any
// Java library (objects' factory methods sit on their `Companion`; every integer is a plain
// `long`/`int`, never Kotlin's unsigned types). scripts/test-mobile compiles it with javac
// against target/mobile/shegong-mobile.jar and runs it:
//   java -cp shegong-mobile.jar:kotlin-stdlib.jar:jna.jar:. Deadlines
import java.util.List;
import org.shegong.Calendar;
import org.shegong.Case;
import org.shegong.Obligation;
import org.shegong.RuleSet;
import org.shegong.ShegongException;
import org.shegong.ShegongKt;

public final class Deadlines {
    private static String event(String at, String actor, String role, String body) {
        return "{\"occurred_at\":\"" + at + "\",\"recorded_at\":\"" + at + "\",\"actor\":{\"id\":\""
            + actor + "\",\"role\":\"" + role + "\"},\"event\":" + body + "}";
    }

    public static void main(String[] args) throws ShegongException {
        Case c = Case.Companion.start(event("2026-03-02T09:00:00+08:00", "w-li", "worker",
            "{\"type\":\"received\",\"case_number\":\"SZ-2026-0007\",\"channel\":\"in_person\","
                + "\"topic\":\"居家养老\",\"client\":{\"id\":\"c-1\",\"name\":\"王阿姨\","
                + "\"date_of_birth\":\"1950-05-01\"},\"source\":{\"kind\":\"voluntary\"}}"));
        c.apply(event("2026-03-02T10:00:00+08:00", "w-li", "worker",
            "{\"type\":\"consultation_held\",\"summary\":\"咨询面谈\",\"topic\":\"\"}"));
        c.apply(event("2026-03-02T10:30:00+08:00", "w-li", "worker",
            "{\"type\":\"rights_informed\",\"how\":\"oral\",\"summary\":\"介绍申请及退出机制\"}"));
        c.apply(event("2026-03-03T09:00:00+08:00", "w-li", "worker", "{\"type\":\"intake_accepted\",\"summary\":\"接案\"}"));
        c.apply(event("2026-03-03T09:30:00+08:00", "c-1", "client",
            "{\"type\":\"consent_given\",\"consent\":{\"id\":\"k-service\",\"capacity\":\"client\","
                + "\"given_by\":\"王阿姨\",\"purpose\":{\"kind\":\"service\"},\"scope\":\"个案服务\"}}"));
        c.apply(event("2026-03-03T10:00:00+08:00", "w-li", "worker", "{\"type\":\"opened\",\"summary\":\"开案\"}"));
        // Module functions are static methods of ShegongKt; integers are plain int/long.
        System.out.println("calendar data " + ShegongKt.dataVersion() + ", next case "
            + ShegongKt.caseNumber("SZ", 2026, 8L));
        Calendar china = Calendar.Companion.china();
        System.out.println("2026-10-08 is a working day: " + china.isWorkday("2026-10-08"));
        System.out.println("5 working days after 2026-09-29: " + china.addWorkdays("2026-09-29", 5L));
        try {
            china.isWorkday("2030-01-02");
        } catch (ShegongException e) {
            System.out.println("refused (" + e.code() + ", rule " + e.ruleId() + "): " + e.reason());
        }
        List<Obligation> due = RuleSet.Companion.preset().obligations(c, china, "2026-03-12T09:00:00+08:00");
        System.out.println("case " + c.number() + " at stage " + c.stage() + ":");
        for (Obligation o : due) {
            System.out.println("  [" + o.getRule() + "] " + o.getOwed() + " due "
                + (o.getDueDate() != null ? o.getDueDate() : o.getDueAt()) + ": " + o.getExplanation());
        }
    }
}
