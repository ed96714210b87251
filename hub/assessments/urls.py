from hub.assessments.views import aggregates
from hub.assessments.views import assessments
from hub.assessments.views import exchange
from hub.assessments.views import framework

urlpatterns = [
    *framework.urlpatterns,
    *assessments.urlpatterns,
    *exchange.urlpatterns,
    *aggregates.urlpatterns,
]
