"""Settings, split by topic. Each module reads the environment through config.env only."""

from .access import *  # noqa: F401,F403
from .ai import *  # noqa: F401,F403
from .base import *  # noqa: F401,F403
from .celery import *  # noqa: F401,F403
from .collections_agent import *  # noqa: F401,F403
from .database import *  # noqa: F401,F403
from .files import *  # noqa: F401,F403
from .messaging import *  # noqa: F401,F403
from .rest import *  # noqa: F401,F403
from .security import *  # noqa: F401,F403  (last: it checks SECRET_KEY/DEBUG from base)
