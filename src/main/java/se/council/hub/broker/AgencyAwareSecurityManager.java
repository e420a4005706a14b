package se.council.hub.broker;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CompositeAddress;

/**
 * The embedded broker's security: the role-based settings of {@link EmbeddedBroker}, plus the one grant
 * they cannot express, an agency user's temporary reply queue. A JMS client names a temporary queue by
 * a random UUID and Artemis checks it like any other address (temporary-queue-namespace applies to
 * address settings only), so no security match could allow it without opening every address.
 * An agency user may therefore create a non-durable queue and address with a UUID name, and consume
 * from or delete a queue only when it is temporary and was created by that same user.
 */
final class AgencyAwareSecurityManager extends ActiveMQJAASSecurityManager {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String agencyRole;
    private final Supplier<ActiveMQServer> server;

    AgencyAwareSecurityManager(SecurityConfiguration users, String agencyRole, Supplier<ActiveMQServer> server) {
        super(InVMLoginModule.class.getName(), users);
        this.agencyRole = agencyRole;
        this.server = server;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (super.authorize(subject, roles, checkType, address)) {
            return true;
        }
        if (subject == null || subject.getPrincipals(RolePrincipal.class).stream().noneMatch(r -> agencyRole.equals(r.getName()))) {
            return false;
        }
        String name = CompositeAddress.extractQueueName(SimpleString.of(address)).toString();
        if (!UUID.matcher(name).matches()) {
            return false;
        }
        return switch (checkType) {
            case CREATE_ADDRESS, CREATE_NON_DURABLE_QUEUE -> true;
            case CONSUME, DELETE_NON_DURABLE_QUEUE, DELETE_ADDRESS -> ownTemporaryQueue(subject, name);
            default -> false;
        };
    }

    private boolean ownTemporaryQueue(Subject subject, String name) {
        ActiveMQServer broker = server.get();
        Queue queue = broker == null ? null : broker.locateQueue(name);
        if (queue == null || !queue.isTemporary() || queue.getUser() == null) {
            return false;
        }
        String owner = queue.getUser().toString();
        return subject.getPrincipals(UserPrincipal.class).stream().anyMatch(u -> owner.equals(u.getName()));
    }
}
