from django.contrib import admin

from referrals import models

admin.site.register(models.ReceivingMember)
